using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Sessions;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Features.Slots;
using SymposiumBooking.Web.Pages.Book;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>
/// Book a free slot for a person at the table, from the day grid: the attendee's form without the online parts, the
/// health questions or "intake taken on paper", and the money if they pay now.
/// </summary>
public sealed class WalkInModel(ISender sender) : SymposiumPageModel(sender), IBookingFormPage
{
    public const string PaysNow = "now";
    public const string PaysLater = "later";

    [BindProperty]
    public BookingForm Form { get; set; } = new();

    [BindProperty]
    public bool IntakeOnPaper { get; set; }

    [BindProperty]
    public string? Pays { get; set; }

    [BindProperty]
    public TablePaymentForm Payment { get; set; } = new();

    public SlotView Slot { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? slotId, CancellationToken ct)
    {
        if (!await LoadAsync(id, slotId, ct))
        {
            return NotFound();
        }

        Form.Rate = "standard";
        Pays = PaysNow;
        Payment = TablePaymentForm.Prefilled(Symposium.StandardRateCents, Symposium.Currency);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? slotId, CancellationToken ct)
    {
        if (!await LoadAsync(id, slotId, ct))
        {
            return NotFound();
        }

        var attendee = Form.ToBody(Slot.Id, offerToken: null);
        var payment = Pays == PaysNow ? Payment.ReadNow(Symposium.Currency, ModelState) : null;
        var command = new BookWalkIn(id, StaffReader.UserIdOf(User), new WalkInBody(
            Slot.Id, attendee.Name, attendee.Email, attendee.Phone, attendee.Rate, IntakeOnPaper ? null : attendee.Intake, IntakeOnPaper, payment));
        if (Unread)
        {
            return Unreadable(command);
        }

        var booked = await Sender.Send(command, ct);
        return booked.IsFailure
            ? Refused(booked.Error)
            : Done($"/organize/{id}/bookings/{booked.Value.Booking.Id}",
                $"Booked {booked.Value.Booking.AttendeeName} with {Slot.TherapistName} at {Display.Time(Slot.StartsAt)}.");
    }

    private async Task<bool> LoadAsync(Guid id, Guid? slotId, CancellationToken ct)
    {
        if (slotId is not { } wanted || !await LoadSymposiumAsync(id, ct))
        {
            return false;
        }

        var slots = await Sender.Send(new ListSlots(id, null, null, AvailableOnly: false, IncludeDrafts: true), ct);
        Slot = slots.IsSuccess ? slots.Value.FirstOrDefault(s => s.Id == wanted)! : null!;
        return Slot is not null;
    }
}
