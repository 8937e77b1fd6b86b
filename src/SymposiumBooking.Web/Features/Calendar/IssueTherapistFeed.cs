using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Calendar;

/// <summary>An organizer issues (or rotates) a therapist's feed, e.g. to hand it over or revoke a leaked one.</summary>
public sealed record IssueTherapistFeed(Guid SymposiumId, Guid TherapistId) : ICommand<Result<CalendarFeedView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, TherapistId];
}

internal sealed class IssueTherapistFeedHandler(BookingDb db, CalendarSessions sessions) : ICommandHandler<IssueTherapistFeed, Result<CalendarFeedView>>
{
    public async ValueTask<Result<CalendarFeedView>> Handle(IssueTherapistFeed command, CancellationToken cancellationToken)
    {
        if (!await db.Symposia.AnyAsync(e => e.Id == command.SymposiumId, cancellationToken))
        {
            return SymposiumErrors.NotFound;
        }

        var therapist = await db.Therapists.FirstOrDefaultAsync(
            t => t.Id == command.TherapistId && t.SymposiumId == command.SymposiumId, cancellationToken);
        return therapist is null ? TherapistErrors.NotFound : await TherapistFeeds.RotateAsync(db, sessions, therapist, cancellationToken);
    }
}
