using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// An organizer sends an attendee their booking's links again: a new secret (<see cref="Booking.ReissueLinks"/>; the old
/// links stop working, since only hashes are stored there is no old link to send) and a mail with the manage link and,
/// for a confirmed booking, the calendar invite at its current SEQUENCE. Refused for a booking that has ended or has no
/// email address (a walk-in may have none).
/// </summary>
public sealed record ResendBookingLinks(Guid SymposiumId, Guid BookingId) : ICommand<Result>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, BookingId];
}

internal sealed class ResendBookingLinksHandler(BookingDb db, IClock clock, BookingWriter writer, BookingMails mails)
    : ICommandHandler<ResendBookingLinks, Result>
{
    public async ValueTask<Result> Handle(ResendBookingLinks command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.FindInSymposiumAsync(command.SymposiumId, command.BookingId, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var booking = found.Value.Booking;
        var (token, hash) = SecretToken.Create();
        var reissued = booking.ReissueLinks(hash, now);
        if (reissued.IsFailure)
        {
            return reissued.Error;
        }

        if (await writer.SaveAsync(booking, cancellationToken) != BookingWrite.Applied)
        {
            return BookingErrors.ChangedMeanwhile;
        }

        mails.QueueLinks(booking, token);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Success;
    }
}
