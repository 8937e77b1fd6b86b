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

/// <summary>A signed-in therapist's own feed for one symposium they work at (the latest when none is named).</summary>
public sealed record IssueMyTherapistFeed(Guid UserId, Guid? SymposiumId) : ICommand<Result<CalendarFeedView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => SymposiumId is { } id ? [id] : [];
}

internal sealed class IssueMyTherapistFeedHandler(BookingDb db, CalendarSessions sessions) : ICommandHandler<IssueMyTherapistFeed, Result<CalendarFeedView>>
{
    public async ValueTask<Result<CalendarFeedView>> Handle(IssueMyTherapistFeed command, CancellationToken cancellationToken)
    {
        var mine = db.Therapists.Where(t => t.UserId == command.UserId);
        if (command.SymposiumId is { } symposiumId)
        {
            mine = mine.Where(t => t.SymposiumId == symposiumId);
        }

        var therapist = await (
                from t in mine
                join e in db.Symposia on t.SymposiumId equals e.Id
                orderby e.StartDate descending
                select t)
            .FirstOrDefaultAsync(cancellationToken);
        return therapist is null ? CalendarErrors.NotATherapist : await TherapistFeeds.RotateAsync(db, sessions, therapist, cancellationToken);
    }
}
