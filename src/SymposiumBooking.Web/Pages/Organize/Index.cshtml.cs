using Mediator;
using SymposiumBooking.Web.Features.Symposia;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class IndexModel(ISender sender) : OrganizerPageModel(sender)
{
    public IReadOnlyList<SymposiumView> Editions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Editions = await Sender.Send(new ListSymposia(), ct);
}
