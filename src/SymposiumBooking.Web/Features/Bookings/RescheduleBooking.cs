using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;
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

internal sealed class RescheduleBookingHandler(BookingDb db, IClock clock, BookingWriter writer) : ICommandHandler<RescheduleBooking, Result<BookingView>>
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
        db.Entry(booked.Booking).State = EntityState.Detached; // written by the BookingWriter, never by SaveChanges
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

        await Holds.TakeOverLapsedAsync(db, writer, target.s.Id, now, cancellationToken);
        var offer = await WaitlistOffers.ClaimAsync(db, target.s.Id, command.Body.OfferToken, now, cancellationToken);
        if (offer.IsFailure)
        {
            return offer.Error;
        }

        // The move's mail and the old slot's offer to the waitlist follow from its events (InviteChanged, SlotFreed).
        switch (await writer.SaveAsync(booked.Booking, cancellationToken, ManageToken.Plain(command.Token!)))
        {
            case BookingWrite.ChangedMeanwhile:
                return BookingErrors.ChangedMeanwhile; // rolled back with the offer's claim
            case BookingWrite.SlotTaken:
                return BookingErrors.SlotUnavailable;
        }

        await tx.CommitAsync(cancellationToken);
        return BookingView.From(booked with { Slot = target.s, TherapistName = target.Name }, now);
    }
}
