using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>Attendees see a published symposium as current; booking then follows its policy's window.</summary>
public sealed record PublishSymposium(Guid Id) : ICommand<Result<SymposiumView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [Id];
}

internal sealed class PublishSymposiumHandler(BookingDb db, IClock clock) : ICommandHandler<PublishSymposium, Result<SymposiumView>>
{
    public async ValueTask<Result<SymposiumView>> Handle(PublishSymposium command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var found = await db.FindAsync(command.Id, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        var hasSlots = await db.Slots.AnyAsync(s => s.SymposiumId == symposium.Id, cancellationToken);
        var published = symposium.Publish(now, hasSlots);
        if (published.IsFailure)
        {
            return published.Error;
        }

        await db.SaveChangesAsync(cancellationToken);
        return SymposiumView.From(symposium, now);
    }
}
