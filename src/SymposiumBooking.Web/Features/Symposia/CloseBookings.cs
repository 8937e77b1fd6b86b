using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>Ends booking now, before the policy's closing time (the policy page opens it again).</summary>
public sealed record CloseBookings(Guid Id) : ICommand<Result<SymposiumView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [Id];
}

internal sealed class CloseBookingsHandler(BookingDb db, IClock clock) : ICommandHandler<CloseBookings, Result<SymposiumView>>
{
    public async ValueTask<Result<SymposiumView>> Handle(CloseBookings command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var found = await db.FindChangeableAsync(command.Id, now, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        var closed = symposium.CloseBookings(now);
        if (closed.IsFailure)
        {
            return closed.Error;
        }

        await db.SaveChangesAsync(cancellationToken);
        return SymposiumView.From(symposium, now);
    }
}
