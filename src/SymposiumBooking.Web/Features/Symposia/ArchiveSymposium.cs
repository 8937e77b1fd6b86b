using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>Puts a symposium that has ended away: still readable, listed apart from the current ones.</summary>
public sealed record ArchiveSymposium(Guid Id) : ICommand<Result<SymposiumView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [Id];
}

internal sealed class ArchiveSymposiumHandler(BookingDb db, IClock clock) : ICommandHandler<ArchiveSymposium, Result<SymposiumView>>
{
    public async ValueTask<Result<SymposiumView>> Handle(ArchiveSymposium command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var found = await db.FindAsync(command.Id, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        var archived = symposium.Archive(now);
        if (archived.IsFailure)
        {
            return archived.Error;
        }

        await db.SaveChangesAsync(cancellationToken);
        return SymposiumView.From(symposium, now);
    }
}
