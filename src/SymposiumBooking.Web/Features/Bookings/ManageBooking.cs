using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>The attendee looks at their booking with its token.</summary>
public sealed record GetBooking(Guid Id, string? Token) : IQuery<Result<BookingView>>;

internal sealed class GetBookingHandler(BookingDb db, IClock clock) : IQueryHandler<GetBooking, Result<BookingView>>
{
    public async ValueTask<Result<BookingView>> Handle(GetBooking query, CancellationToken cancellationToken)
    {
        var found = await db.FindWithTokenAsync(query.Id, query.Token, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var checkoutUrl = found.Value.Booking.Status == BookingStatus.AwaitingPayment
            ? await db.OnlinePayments.Where(p => p.BookingId == query.Id).Select(p => p.CheckoutUrl).FirstOrDefaultAsync(cancellationToken)
            : null;
        return BookingView.From(found.Value, clock.GetCurrentInstant(), checkoutUrl: checkoutUrl);
    }
}

/// <summary>
/// The attendee cancels; the slot is free again at once (and offered to the waitlist). The booking's row is locked
/// first (docs/adr/0051), so a payment confirmed at the same moment is either seen here and refunded, or arrives
/// after the cancel and is refunded by the webhook: never Cancelled-but-paid.
/// </summary>
public sealed record CancelBooking(Guid Id, string? Token) : ICommand<Result<BookingView>>;

internal sealed class CancelBookingHandler(BookingDb db, IClock clock, IOptions<WaitlistOptions> waitlist, BookingMails mails, StripeGateway stripe)
    : ICommandHandler<CancelBooking, Result<BookingView>>
{
    public async ValueTask<Result<BookingView>> Handle(CancelBooking command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!string.IsNullOrEmpty(command.Token))
        {
            // Waits for a webhook, refund or move of this booking that is under way, then reads what it left.
            var hash = SecretToken.Hash(command.Token);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT 1 FROM bookings WHERE id = {command.Id} AND token_hash = {hash} FOR UPDATE", cancellationToken);
        }

        var found = await db.FindWithTokenAsync(command.Id, command.Token, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var booked = found.Value;
        var wasHolding = booked.Booking.HoldsSlotAt(now);
        var wasActive = booked.Booking.IsActive;
        var wasPaid = booked.Booking is { Payment: PaymentMethod.Online, Status: BookingStatus.Confirmed };
        var cancelled = booked.Booking.Cancel(booked.Slot.StartsAt, booked.Symposium.Policy?.CancellationCutoffHours ?? 0, now);
        if (cancelled.IsFailure)
        {
            return cancelled.Error;
        }

        if (wasActive)
        {
            await mails.CancelledAsync(booked.Booking, now, cancellationToken); // not again for a repeated cancel
        }

        // The status is written before Stripe is asked: a refund is only ever requested for a cancel that holds.
        await db.SaveChangesAsync(cancellationToken);
        if (wasPaid)
        {
            try
            {
                // Before the cutoff (Cancel checked it) a paid booking is refunded in full, in this transaction.
                await Refunds.IssueAsync(db, stripe, booked.Booking.Id, RefundReason.AttendeeCancelled, now, cancellationToken);
            }
            catch (PaymentProviderException)
            {
                return PaymentErrors.ProviderUnavailable; // rolled back: still booked, nothing refunded
            }
        }

        if (wasHolding)
        {
            await WaitlistOffers.OfferFreedSlotsAsync(db, [booked.Slot.Id], now, waitlist.Value.OfferDuration, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return BookingView.From(booked, now);
    }
}

/// <summary>
/// The attendee moves their booking to another slot of the same symposium, in one transaction: the new slot is taken
/// and the old one freed together, or nothing changes (the unique index refuses a taken slot). The write is conditional on
/// the booking's sequence as read (docs/adr/0051): when a payment, a cancel or another move changed the booking
/// meanwhile, nothing is written, no mail is queued, and the answer is 409 <c>booking.changed</c>.
/// </summary>
public sealed record RescheduleBooking(Guid Id, string? Token, RescheduleBody Body) : ICommand<Result<BookingView>>;

public sealed record RescheduleBody(Guid? SlotId, string? OfferToken = null);

public sealed class RescheduleBookingValidator : AbstractValidator<RescheduleBooking>
{
    public RescheduleBookingValidator() =>
        RuleFor(x => x.Body).NotNull().ChildRules(b =>
        {
            b.RuleFor(x => x.SlotId).NotNull().WithMessage("Choose the new time slot.");
            b.RuleFor(x => x.OfferToken).MaximumLength(100);
        });
}

internal sealed class RescheduleBookingHandler(BookingDb db, IClock clock, IOptions<WaitlistOptions> waitlist, BookingMails mails) : ICommandHandler<RescheduleBooking, Result<BookingView>>
{
    public async ValueTask<Result<BookingView>> Handle(RescheduleBooking command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.FindWithTokenAsync(command.Id, command.Token, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var booked = found.Value;
        var target = await (
                from s in db.Slots
                join t in db.Therapists on s.TherapistId equals t.Id
                where s.Id == command.Body.SlotId
                select new { s, t.Name })
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken);
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
            var allowed = booked.Symposium.EnsureBookable(target.s.StartsAt, now);
            if (allowed.IsFailure)
            {
                return allowed.Error;
            }
        }

        var moved = booked.Booking.Reschedule(target.s.Id, oldSlot.StartsAt, booked.Symposium.Policy?.CancellationCutoffHours ?? 0, now);
        if (moved.IsFailure)
        {
            return moved.Error;
        }

        if (target.s.Id == oldSlot.Id)
        {
            return BookingView.From(booked, now);
        }

        await Holds.ReleaseLapsedAsync(db, now, target.s.Id, cancellationToken);
        var offer = await WaitlistOffers.ClaimAsync(db, target.s.Id, command.Body.OfferToken, now, cancellationToken);
        if (offer.IsFailure)
        {
            return offer.Error;
        }

        await mails.RescheduledAsync(booked.Booking, command.Token!, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return BookingErrors.ChangedMeanwhile; // rolled back with the "moved" mail and the offer's claim
        }
        catch (DbUpdateException e) when (e.Violates(BookingConfiguration.OneActiveBookingPerSlot))
        {
            return BookingErrors.SlotUnavailable;
        }

        await WaitlistOffers.OfferFreedSlotsAsync(db, [oldSlot.Id], now, waitlist.Value.OfferDuration, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return BookingView.From(booked with { Slot = target.s, TherapistName = target.Name }, now);
    }
}
