using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// A booking as its attendee sees it (docs/attendees.md). <see cref="Token"/> is present only in the answer that
/// created the booking; <see cref="ChangeableUntil"/> is when the policy's cutoff stops online changes.
/// </summary>
public sealed record BookingView(
    Guid Id,
    Guid SymposiumId,
    BookingStatus Status,
    string? Token,
    SlotView Slot,
    string Name,
    string Email,
    string? Phone,
    Rate Rate,
    PaymentMethod Payment,
    long PriceCents,
    string Currency,
    string? CheckoutUrl,
    DateTimeOffset? HoldExpiresAt,
    DateTimeOffset ChangeableUntil,
    DateTimeOffset CreatedAt)
{
    public static BookingView From(BookedSlot b, Instant now, string? token = null, string? checkoutUrl = null)
    {
        var zone = b.Symposium.Zone;
        var booking = b.Booking;
        var status = booking.Status == BookingStatus.AwaitingPayment && !booking.HoldsSlotAt(now) ? BookingStatus.Expired : booking.Status;
        return new BookingView(
            booking.Id,
            booking.SymposiumId,
            status,
            token,
            SlotView.From(b.Slot, b.TherapistName, zone, available: false),
            booking.AttendeeName,
            booking.AttendeeEmail,
            booking.Phone,
            booking.Rate,
            booking.Payment,
            booking.PriceCents,
            booking.Currency,
            status == BookingStatus.AwaitingPayment ? checkoutUrl : null,
            booking.HoldExpiresAt is { } hold && status == BookingStatus.AwaitingPayment ? ApiFormat.Local(hold, zone) : null,
            ApiFormat.Local(b.Slot.StartsAt - Duration.FromHours(b.Symposium.Policy?.CancellationCutoffHours ?? 0), zone),
            ApiFormat.Local(booking.CreatedAt, zone));
    }
}

/// <summary>A booking with what it is about: its slot, the therapist's name and the symposium.</summary>
public sealed record BookedSlot(Booking Booking, Slot Slot, string TherapistName, Symposium Symposium);

/// <summary>Finding a booking for its attendee, who proves it is theirs with the secret token.</summary>
public static class BookingAccess
{
    public const string TokenHeader = "X-Booking-Token";

    /// <summary>
    /// The booking, tracked for changes, when <paramref name="token"/> is its token. A wrong token answers like a
    /// missing booking, so that ids cannot be probed.
    /// </summary>
    public static async Task<Result<BookedSlot>> FindWithTokenAsync(this BookingDb db, Guid id, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token))
        {
            return BookingErrors.TokenRequired;
        }

        var hash = SecretToken.Hash(token);
        var found = await db.LoadAsync(db.Bookings.Where(b => b.Id == id && b.TokenHash == hash), ct);
        return found is null ? BookingErrors.NotFound : found;
    }

    public static async Task<BookedSlot?> LoadAsync(this BookingDb db, IQueryable<Booking> bookings, CancellationToken ct)
    {
        var row = await (
                from b in bookings
                join s in db.Slots on b.SlotId equals s.Id
                join t in db.Therapists on s.TherapistId equals t.Id
                join e in db.Symposia on b.SymposiumId equals e.Id
                select new { b, s, t.Name, e })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new BookedSlot(row.b, row.s, row.Name, row.e);
    }
}
