using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>Who changes a booking: its attendee (bound by the policy's cutoff), or an organizer on their behalf.</summary>
/// <param name="OnBehalf">An organizer acts; the attendee's cutoff does not bind them (docs/adr/0135).</param>
/// <param name="RefundAfterCutoff">An organizer cancelling after the cutoff chose to refund an online payment anyway.</param>
/// <param name="Token">The attendee's token, for a working manage link in the mail the change raises; organizers have none.</param>
public sealed record BookingChanger(bool OnBehalf, bool RefundAfterCutoff, ManageToken? Token)
{
    public static BookingChanger Attendee(string token) => new(false, false, ManageToken.Plain(token));

    public static BookingChanger Organizer(bool refundAfterCutoff = false) => new(true, refundAfterCutoff, null);
}

/// <summary>
/// Cancelling and moving a booking, as the attendee does it (<see cref="CancelBooking"/>, <see cref="RescheduleBooking"/>)
/// and as an organizer does it for them (<see cref="CancelBookingOnBehalf"/>, <see cref="RescheduleBookingOnBehalf"/>):
/// each caller finds the booking its own way inside its transaction, and the rest is the same, so the attendee gets the
/// same mails and invite updates whoever acted. Written through the <see cref="BookingWriter"/>, conditional on the state
/// read: a change made meanwhile answers 409 <c>booking.changed</c>.
/// </summary>
internal sealed class BookingChanges(BookingDb db, BookingWriter writer, StripeGateway stripe)
{
    /// <summary>
    /// Cancels <paramref name="booked"/> and commits. A booking paid online is refunded in full when it is cancelled
    /// before the policy's cutoff (the attendee cannot cancel later); after it, only when the organizer chose to.
    /// </summary>
    public async Task<Result<BookingView>> CancelAsync(IDbContextTransaction tx, BookedSlot booked, BookingChanger by, Instant now, CancellationToken ct)
    {
        var booking = booked.Booking;
        var wasPaid = booking is { Payment: PaymentMethod.Online, Status: BookingStatus.Confirmed };
        var cutoffHours = booked.Symposium.Policy?.CancellationCutoffHours ?? 0;
        var beforeCutoff = Booking.BeforeCutoff(booked.Slot.StartsAt, cutoffHours, now);
        var cancelled = by.OnBehalf ? booking.CancelOnBehalf(now) : booking.Cancel(booked.Slot.StartsAt, cutoffHours, now);
        if (cancelled.IsFailure)
        {
            return cancelled.Error;
        }

        // The status is written before Stripe is asked: a refund is only ever requested for a cancel that holds.
        if (await writer.SaveAsync(booking, ct) != BookingWrite.Applied)
        {
            return BookingErrors.ChangedMeanwhile;
        }

        if (wasPaid && (beforeCutoff || by.RefundAfterCutoff))
        {
            try
            {
                var reason = beforeCutoff ? RefundReason.AttendeeCancelled : RefundReason.Organizer;
                await Refunds.IssueAsync(db, stripe, booking.Id, reason, now, ct);
            }
            catch (PaymentProviderException)
            {
                return PaymentErrors.ProviderUnavailable; // rolled back: still booked, nothing refunded
            }
        }

        await tx.CommitAsync(ct);
        return BookingView.From(booked, now);
    }

    /// <summary>
    /// Moves <paramref name="booked"/> to <paramref name="slotId"/> of the same symposium and commits: the new slot is
    /// taken and the old one freed together, or nothing changes (the unique index refuses a taken slot). A slot offered
    /// to someone on the waitlist is taken only with their <paramref name="offerToken"/>.
    /// </summary>
    public async Task<Result<BookingView>> MoveAsync(
        IDbContextTransaction tx, BookedSlot booked, Guid? slotId, string? offerToken, BookingChanger by, Instant now, CancellationToken ct)
    {
        db.Entry(booked.Booking).State = EntityState.Detached; // written by the BookingWriter, never by SaveChanges
        var target = await (
                from s in db.Slots
                join t in db.Therapists on s.TherapistId equals t.Id
                where s.Id == slotId
                select new { s, t.Name })
            .AsNoTracking()
            .FirstOrDefaultAsync(ct);
        if (target is null)
        {
            return BookingErrors.UnknownSlot;
        }

        if (target.s.SymposiumId != booked.Booking.SymposiumId)
        {
            return BookingErrors.OtherSymposium;
        }

        var oldSlot = booked.Slot;
        if (target.s.Id != oldSlot.Id)
        {
            // Attendees book while the symposium is open for booking; organizers move to any slot that has not started.
            var allowed = by.OnBehalf
                ? target.s.StartsAt <= now ? BookingErrors.SlotStarted : Result.Success
                : booked.Symposium.EnsureBookable(target.s.StartsAt, now);
            if (allowed.IsFailure)
            {
                return allowed.Error;
            }
        }

        var moved = by.OnBehalf
            ? booked.Booking.RescheduleOnBehalf(target.s.Id, now)
            : booked.Booking.Reschedule(target.s.Id, oldSlot.StartsAt, booked.Symposium.Policy?.CancellationCutoffHours ?? 0, now);
        if (moved.IsFailure)
        {
            return moved.Error;
        }

        if (target.s.Id == oldSlot.Id)
        {
            return BookingView.From(booked, now);
        }

        await Holds.TakeOverLapsedAsync(db, writer, target.s.Id, now, ct);
        var offer = await WaitlistOffers.ClaimAsync(db, target.s.Id, offerToken, now, ct);
        if (offer.IsFailure)
        {
            return offer.Error;
        }

        // The move's mail and the old slot's offer to the waitlist follow from its events (InviteChanged, SlotFreed).
        switch (await writer.SaveAsync(booked.Booking, ct, by.Token))
        {
            case BookingWrite.ChangedMeanwhile:
                return BookingErrors.ChangedMeanwhile; // rolled back with the offer's claim
            case BookingWrite.SlotTaken:
                return BookingErrors.SlotUnavailable;
        }

        await tx.CommitAsync(ct);
        return BookingView.From(booked with { Slot = target.s, TherapistName = target.Name }, now);
    }
}

/// <summary>Finding a booking for an organizer: by its id, in the symposium the route names.</summary>
public static class OrganizerBookingAccess
{
    public static async Task<Result<BookedSlot>> FindInSymposiumAsync(this BookingDb db, Guid symposiumId, Guid bookingId, CancellationToken ct) =>
        await db.LoadAsync(db.Bookings.Where(b => b.Id == bookingId && b.SymposiumId == symposiumId), ct) is { } found
            ? found
            : BookingErrors.NotFound;
}
