using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Features.Slots;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Errors;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Idempotency;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Pages.Bookings;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Book;

/// <summary>The booking form for one time slot: who, which rate, how to pay, and the health questions.</summary>
[EnableRateLimiting(RateLimits.Booking)]
[FormsReadByHand]
public sealed class BookSlotModel(ISender sender, IOptions<StripeOptions> stripe, KeepPlaceInLine places) : PageModel, IBookingFormPage
{
    /// <summary>Set by the waitlist pages (Path=/book): the claim token of a slot offered to this person.</summary>
    public const string OfferCookie = "sb-offer";

    [BindProperty]
    public BookingForm Form { get; set; } = new();

    public SymposiumView Symposium { get; private set; } = null!;

    public SlotView Slot { get; private set; } = null!;

    public bool OnlinePayment => stripe.Value.OnlinePaymentEnabled;

    /// <summary>The slot is no longer free: the page says so and links back to the day's times.</summary>
    public string? Taken { get; private set; }

    /// <summary>
    /// When a booking was refused because the slot had just been taken: the free times nearest it, which the page
    /// offers in the same form so that the answers already given are kept.
    /// </summary>
    public IReadOnlyList<SlotView> Alternatives { get; private set; } = [];

    public string DayUrl => $"/book?date={ApiFormat.Date(NodaTime.LocalDate.FromDateTime(Slot.StartsAt.DateTime))}";

    public async Task<IActionResult> OnGetAsync(Guid slotId, CancellationToken ct)
    {
        if (!await LoadAsync(slotId, ct))
        {
            return NotFound();
        }

        if (!Slot.Available)
        {
            Taken = "Sorry, this time is no longer free. Please choose another time.";
            return Page();
        }

        Form.IdempotencyKey = Guid.NewGuid().ToString();
        if (!OnlinePayment)
        {
            Form.Payment = Choices.Value(PaymentMethod.AtTable);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid slotId, CancellationToken ct)
    {
        // The page shows the slot being booked: the one in its address, or the other time chosen after that was taken.
        var target = Form.OtherSlotId ?? slotId;
        if (!await LoadAsync(target, ct))
        {
            return NotFound();
        }

        // A form without a usable key (an old tab, a hand-made post) still books at most once from here on.
        if (Form.IdempotencyKey is not { } key || !IdempotentWrites.IsValidKey(key))
        {
            Form.IdempotencyKey = key = Guid.NewGuid().ToString();
        }

        var booked = await sender.Send(new BookSlot(Form.ToBody(target, Request.Cookies[OfferCookie]), key), ct);
        places.Answer(HttpContext, booked.Error); // a refusal of a taken slot keeps the attendee's place (docs/adr/0039)
        if (booked.IsSuccess)
        {
            var view = booked.Value;
            BookingCookie.Remember(HttpContext, view.Id, view.Token!);
            TempData[BookingLink.JustBooked] = view.Id;
            return BookingLink.SeeOther(HttpContext, PublicUrls.BookingPath(view.Id));
        }

        return Refused(booked.Error);
    }

    private PageResult Refused(Error error)
    {
        Response.StatusCode = ProblemResults.StatusOf(error.Kind);
        if (BookingErrors.ChooseAnotherTime(error))
        {
            Taken = error.Message;
            if (error.Extensions?.GetValueOrDefault(BookingErrors.AlternativesMember) is IReadOnlyList<SlotView> { Count: > 0 } nearest)
            {
                Alternatives = nearest;
                Form.OtherSlotId = null; // a choice among the new times, not the one that was just taken
            }

            return Page();
        }

        if (error.Code == IdempotentWrites.KeyReused.Code)
        {
            // This form already made a booking, and then was changed and sent again: a new booking needs a new key.
            Form.IdempotencyKey = Guid.NewGuid().ToString();
            ModelState.AddModelError("", "This form has already been used to book a massage. To book another one, check your answers and press the button again.");
            return Page();
        }

        ModelState.AddError(error, GetType());
        return Page();
    }

    private async Task<bool> LoadAsync(Guid slotId, CancellationToken ct)
    {
        var current = await sender.Send(new GetCurrentSymposium(), ct);
        if (current.IsFailure)
        {
            return false;
        }

        var slots = await sender.Send(new ListSlots(current.Value.Id, null, null, AvailableOnly: false), ct);
        if (slots.IsFailure || slots.Value.FirstOrDefault(s => s.Id == slotId) is not { } slot)
        {
            return false;
        }

        (Symposium, Slot) = (current.Value, slot);
        return true;
    }
}
