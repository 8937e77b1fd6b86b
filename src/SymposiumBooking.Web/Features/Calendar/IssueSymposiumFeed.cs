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

/// <summary>The organizers' feed of a whole symposium.</summary>
public sealed record IssueSymposiumFeed(Guid SymposiumId) : ICommand<Result<CalendarFeedView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId];
}

internal sealed class IssueSymposiumFeedHandler(BookingDb db, CalendarSessions sessions) : ICommandHandler<IssueSymposiumFeed, Result<CalendarFeedView>>
{
    public async ValueTask<Result<CalendarFeedView>> Handle(IssueSymposiumFeed command, CancellationToken cancellationToken)
    {
        var symposium = await db.Symposia.FirstOrDefaultAsync(e => e.Id == command.SymposiumId, cancellationToken);
        if (symposium is null)
        {
            return SymposiumErrors.NotFound;
        }

        var (token, hash) = SecretToken.Create();
        symposium.SetFeedToken(hash);
        await db.SaveChangesAsync(cancellationToken);
        return new CalendarFeedView(sessions.FeedUrl("symposia", token).AbsoluteUri, symposium.Id);
    }
}
