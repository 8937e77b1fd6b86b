using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Features.Sessions;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>
/// One booking at the table: who, when, with whom, rate and payment, the table ledger with its record and correct
/// forms, check-in, and the changes on the attendee's behalf (_BookingChanges).
/// </summary>
public sealed class BookingModel(ISender sender) : SymposiumPageModel(sender)
{
    [BindProperty]
    public TablePaymentForm Form { get; set; } = new();

    public OrganizerBookingView View { get; private set; } = null!;

    public BookingRow Row => View.Booking;

    /// <summary>The ledger's entry no other replaces, if any: what a correction replaces.</summary>
    public TablePaymentView? Current => View.Ledger.FirstOrDefault(p => p.Current);

    public bool AtTable => Row.Payment == "atTable";

    public string BookingUrl => $"/organize/{Symposium.Id}/bookings/{Row.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadAsync(id, bookingId, ct))
        {
            return NotFound();
        }

        Form = TablePaymentForm.Prefilled(Current?.AmountCents ?? Row.PriceCents, Row.Currency, Current?.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostPaymentAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadAsync(id, bookingId, ct))
        {
            return NotFound();
        }

        var command = new RecordTablePayment(id, bookingId, StaffReader.UserIdOf(User), Form.Read(Row.Currency, ModelState));
        if (Unread)
        {
            return Unreadable(command);
        }

        var recorded = await Sender.Send(command, ct);
        return recorded.IsFailure
            ? Refused(recorded.Error)
            : Done(BookingUrl, recorded.Value.Replaces is null
                ? $"Recorded {Display.Money(recorded.Value.AmountCents, recorded.Value.Currency)} from {Row.AttendeeName}."
                : $"Corrected: {Display.Money(recorded.Value.AmountCents, recorded.Value.Currency)} collected from {Row.AttendeeName}.");
    }

    public Task<IActionResult> OnPostCheckInAsync(Guid id, Guid bookingId, CancellationToken ct) => CheckInAsync(id, bookingId, undo: false, ct);

    public Task<IActionResult> OnPostUndoCheckInAsync(Guid id, Guid bookingId, CancellationToken ct) => CheckInAsync(id, bookingId, undo: true, ct);

    private async Task<IActionResult> CheckInAsync(Guid id, Guid bookingId, bool undo, CancellationToken ct)
    {
        if (!await LoadAsync(id, bookingId, ct))
        {
            return NotFound();
        }

        var done = await Sender.Send(new CheckInBooking(id, bookingId, undo), ct);
        return done.IsFailure
            ? Refused(done.Error)
            : Done(BookingUrl, undo ? $"{Row.AttendeeName} is no longer checked in." : $"{Row.AttendeeName} is checked in.");
    }

    private async Task<bool> LoadAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return false;
        }

        var found = await Sender.Send(new GetSymposiumBooking(id, bookingId), ct);
        if (found.IsFailure)
        {
            return false;
        }

        View = found.Value;
        return true;
    }

    public static string Method(string method) => TablePaymentForm.Methods.FirstOrDefault(m => m.Value == method)?.Label.Split(' ')[0] ?? method;
}
