using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Pages.Book;

namespace SymposiumBooking.Web.Pages.Bookings;

/// <summary>Moving a booking to another free time: the booking picker, where choosing a time moves the booking at once.</summary>
[EnableRateLimiting(RateLimits.Booking)]
public sealed class RescheduleModel(ISender sender, IClock clock) : BookingPageModel(sender)
{
    public SlotPicker? Picker { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? date, Guid? therapist, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotValid();
        }

        await LoadPickerAsync(date, therapist, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? slotId, string? date, Guid? therapist, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotValid();
        }

        var moved = await Sender.Send(new RescheduleBooking(id, Token, new RescheduleBody(slotId)), ct);
        if (moved.IsSuccess)
        {
            var slot = moved.Value.Slot;
            TempData["Notice"] = $"Your booking is moved to {Display.DateTime(slot.StartsAt)} with {slot.TherapistName}, {slot.Location}.";
            return BookingLink.SeeOther(HttpContext, PublicUrls.BookingPath(id));
        }

        if (IsAccessError(moved.Error))
        {
            return NotValid();
        }

        Problem = moved.Error.Message;
        Response.StatusCode = ProblemResults.StatusOf(moved.Error.Kind);
        await LoadPickerAsync(date, therapist, ct);
        return Page();
    }

    private async Task LoadPickerAsync(string? date, Guid? therapist, CancellationToken ct)
    {
        var symposium = await Sender.Send(new GetSymposium(Booking.SymposiumId), ct);
        if (symposium.IsFailure)
        {
            return;
        }

        // Open on the booking's own day unless another day was chosen.
        date ??= ApiFormat.Date(LocalDate.FromDateTime(Booking.Slot.StartsAt.DateTime));
        var today = clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb[symposium.Value.TimeZone]).Date;
        var picker = await SlotPicker.LoadAsync(
            Sender, symposium.Value, date, therapist, today, $"/bookings/{Booking.Id}/reschedule", chooseByPost: true, ct);
        Picker = picker.IsSuccess ? picker.Value : null;
    }
}
