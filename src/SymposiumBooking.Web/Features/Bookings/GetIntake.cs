using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// A booking's health intake, for the organizers and the therapist the booking is with — nobody else, not even the
/// attendee's token (a forwarded manage link must not show health data).
/// </summary>
public sealed record GetIntake(Guid BookingId, Guid UserId, bool IsOrganizer) : IQuery<Result<IntakeView>>;

public sealed record IntakeView(Guid BookingId, Intake Intake);

internal sealed class GetIntakeHandler(BookingDb db) : IQueryHandler<GetIntake, Result<IntakeView>>
{
    public async ValueTask<Result<IntakeView>> Handle(GetIntake query, CancellationToken cancellationToken)
    {
        var allowed = await (
                from b in db.Bookings
                join s in db.Slots on b.SlotId equals s.Id
                join t in db.Therapists on s.TherapistId equals t.Id
                where b.Id == query.BookingId && (query.IsOrganizer || t.UserId == query.UserId)
                select b.Id)
            .AnyAsync(cancellationToken);
        if (!allowed)
        {
            return BookingErrors.NotFound;
        }

        var intake = await db.Intakes.AsNoTracking().FirstOrDefaultAsync(i => i.BookingId == query.BookingId, cancellationToken);
        return intake is null ? BookingErrors.NotFound : new IntakeView(query.BookingId, IntakeJson.Read(intake.Data));
    }
}
