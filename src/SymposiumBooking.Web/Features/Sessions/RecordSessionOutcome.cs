using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Sessions;

/// <summary>
/// The therapist (or an organizer) marks a session completed or no-show once it has started
/// (POST /api/v1/me/sessions/{bookingId}/complete and /no-show).
/// </summary>
public sealed record RecordSessionOutcome(StaffReader Reader, Guid BookingId, SessionOutcome Outcome) : ICommand<Result<SessionOutcomeView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [BookingId];

    string IStaffAction.StaffActionName => $"{nameof(RecordSessionOutcome)}.{Outcome}";
}

public sealed record SessionOutcomeView(Guid BookingId, BookingStatus Status);

internal sealed class RecordSessionOutcomeHandler(BookingDb db, IClock clock, BookingWriter writer) : ICommandHandler<RecordSessionOutcome, Result<SessionOutcomeView>>
{
    public async ValueTask<Result<SessionOutcomeView>> Handle(RecordSessionOutcome command, CancellationToken cancellationToken)
    {
        // The entity decides; the BookingWriter's UPDATE only applies if the booking is still as the decision was
        // made on it. When another request changed it meanwhile (two taps, two devices), decide again on the new one.
        // In a transaction, so the staff action log's row commits with the change (docs/adr/0058).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var found = await db.FindSessionAsync(command.BookingId, command.Reader, cancellationToken);
            if (found is null)
            {
                return SessionErrors.NotFound;
            }

            var booking = found.Booking;
            var now = clock.GetCurrentInstant();
            var recorded = booking.RecordOutcome(command.Outcome, found.Slot.StartsAt, now);
            if (recorded.IsFailure)
            {
                return recorded.Error;
            }

            if (!recorded.Value)
            {
                return new SessionOutcomeView(booking.Id, booking.Status);
            }

            if (await writer.SaveAsync(booking, cancellationToken) == BookingWrite.Applied)
            {
                await transaction.CommitAsync(cancellationToken);
                return new SessionOutcomeView(booking.Id, booking.Status);
            }

            if (attempt >= 3)
            {
                return BookingErrors.NotActive;
            }

            db.ChangeTracker.Clear();
        }
    }
}
