using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Sessions;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// A booking's health intake, for the organizers and the therapist the booking is with — nobody else, not even the
/// attendee's token (a forwarded manage link must not show health data). Every read is written to the audit log.
/// </summary>
public sealed record GetIntake(Guid BookingId, StaffReader Reader) : IQuery<Result<IntakeView>>;

public sealed record IntakeView(Guid BookingId, Intake Intake);

internal sealed class GetIntakeHandler(BookingDb db, IClock clock) : IQueryHandler<GetIntake, Result<IntakeView>>
{
    public async ValueTask<Result<IntakeView>> Handle(GetIntake query, CancellationToken cancellationToken)
    {
        if (await db.FindSessionAsync(query.BookingId, query.Reader, cancellationToken) is null)
        {
            return BookingErrors.NotFound;
        }

        var intakes = await db.ReadIntakesAsync([query.BookingId], query.Reader, IntakeSurface.IntakeApi, clock.GetCurrentInstant(), cancellationToken);
        return intakes.TryGetValue(query.BookingId, out var intake) ? new IntakeView(query.BookingId, intake) : BookingErrors.NotFound;
    }
}
