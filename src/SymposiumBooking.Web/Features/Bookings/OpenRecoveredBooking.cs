using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// "Open this booking" on the recovery page (POST): the booking gets a new secret (<see cref="Booking.ReissueLinks"/>;
/// tokens are stored hashed, so the old one cannot be handed out) and the answer is that secret, for the booking's
/// cookie. The booking's older links stop working. Only a valid, unexpired recovery link for the booking's address opens it.
/// </summary>
public sealed record OpenRecoveredBooking(string? RecoveryToken, Guid BookingId) : ICommand<Result<string>>;

internal sealed class OpenRecoveredBookingHandler(BookingDb db, IClock clock, RecoveryLinks links, BookingWriter writer)
    : ICommandHandler<OpenRecoveredBooking, Result<string>>
{
    public async ValueTask<Result<string>> Handle(OpenRecoveredBooking command, CancellationToken cancellationToken)
    {
        if (links.EmailOf(command.RecoveryToken) is not { } email)
        {
            return BookingErrors.RecoveryLinkNotValid;
        }

        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var booked = (await RecoverableBookings.ForAsync(db, email, now, cancellationToken)).FirstOrDefault(b => b.Booking.Id == command.BookingId);
        if (booked is null)
        {
            return BookingErrors.NotFound;
        }

        var (token, hash) = SecretToken.Create();
        var reissued = booked.Booking.ReissueLinks(hash, now);
        if (reissued.IsFailure)
        {
            return reissued.Error;
        }

        if (await writer.SaveAsync(booked.Booking, cancellationToken) != BookingWrite.Applied)
        {
            return BookingErrors.ChangedMeanwhile;
        }

        await tx.CommitAsync(cancellationToken);
        return token;
    }
}
