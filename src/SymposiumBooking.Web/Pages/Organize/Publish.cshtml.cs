using Mediator;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Features.Therapists;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class PublishModel(ISender sender, IClock clock) : SymposiumPageModel(sender)
{
    public int TherapistCount { get; private set; }

    public int ShiftCount { get; private set; }

    public int SlotCount { get; private set; }

    public bool IsPublished => Symposium.Status == "published";

    /// <summary>Whether attendees may book now, by the policy's window.</summary>
    public bool BookingOpen => Symposium.Policy is { } p
        && clock.GetCurrentInstant() is var now
        && now >= Instant.FromDateTimeOffset(p.BookingOpensAt) && now < Instant.FromDateTimeOffset(p.BookingClosesAt);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var published = await Sender.Send(new PublishSymposium(id), ct);
        return published.IsFailure
            ? Refused(published.Error)
            : Done(StepUrl(id, "publish"), $"{SymposiumName} is published: attendees see it once booking opens.");
    }

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, new CloseBookings(id), name => $"Booking for {name} is closed.", ct);

    public Task<IActionResult> OnPostUnpublishAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, new UnpublishSymposium(id), name => $"{name} is a draft again: attendees no longer see it.", ct);

    public Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, new ArchiveSymposium(id), name => $"{name} is archived.", ct);

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, bool confirmDelete, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!confirmDelete)
        {
            ModelState.AddModelError("confirmDelete", "Tick the box to confirm the deletion.");
            return Page();
        }

        var deleted = await Sender.Send(new DeleteSymposium(id), ct);
        return deleted.IsFailure ? Refused(deleted.Error) : Done("/organize", $"{SymposiumName} is deleted.");
    }

    private async Task<IActionResult> ActAsync(Guid id, ICommand<Domain.Common.Result<SymposiumView>> command, Func<string, string> notice, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var done = await Sender.Send(command, ct);
        return done.IsFailure
            ? Refused(done.Error)
            : Done(StepUrl(id, "publish"), notice(SymposiumName));
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return false;
        }

        var therapists = await Sender.Send(new ListTherapists(id), ct);
        TherapistCount = therapists.IsSuccess ? therapists.Value.Count : 0;
        var shifts = await Sender.Send(new ListShifts(id, null, null), ct);
        ShiftCount = shifts.IsSuccess ? shifts.Value.Count : 0;
        SlotCount = shifts.IsSuccess ? shifts.Value.Sum(s => s.Slots.Count) : 0;
        return true;
    }
}
