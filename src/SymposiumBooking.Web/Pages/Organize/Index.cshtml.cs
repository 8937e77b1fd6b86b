using Mediator;
using SymposiumBooking.Web.Features.Symposia;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class IndexModel(ISender sender) : OrganizerPageModel(sender)
{
    public IReadOnlyList<SymposiumView> Symposia { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Symposia = await Sender.Send(new ListSymposia(), ct);
}
