using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>
/// Last year's setup for a new year and city: therapists, rates, policy and the shift pattern, as a draft. A shift
/// on the n-th day stays on the n-th day at the same wall-clock times, now in the new zone.
/// </summary>
public sealed record CopySymposium(Guid Id, CopyBody Body) : ICommand<Result<SymposiumView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [Id];
}

public sealed class CopySymposiumValidator : AbstractValidator<CopySymposium>
{
    public CopySymposiumValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new CopyBodyValidator());
}

internal sealed class CopySymposiumHandler(BookingDb db, IClock clock) : ICommandHandler<CopySymposium, Result<SymposiumView>>
{
    public async ValueTask<Result<SymposiumView>> Handle(CopySymposium command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var found = await db.FindAsync(command.Id, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var source = found.Value;
        var b = command.Body;
        var copied = source.Copy(
            new CopyDetails(b.Year, b.City, b.VenueName, b.VenueAddress, b.TimeZone.Trim(), ApiFormat.ParseDate(b.StartDate)),
            now);
        if (copied.IsFailure)
        {
            return copied.Error;
        }

        if (await db.YearTakenAsync(b.Year, null, cancellationToken))
        {
            return SymposiumErrors.YearTaken;
        }

        var copy = copied.Value;
        db.Symposia.Add(copy);
        var therapists = await db.Therapists.AsNoTracking().Where(t => t.SymposiumId == source.Id).ToListAsync(cancellationToken);
        var newIds = new Dictionary<Guid, Guid>();
        foreach (var therapist in therapists)
        {
            var moved = Therapist.Create(copy.Id, therapist.Name, therapist.Email, therapist.UserId, now);
            newIds[therapist.Id] = moved.Id;
            db.Therapists.Add(moved);
        }

        var shifts = await db.Shifts.AsNoTracking().Where(s => s.SymposiumId == source.Id).ToListAsync(cancellationToken);
        var slots = new List<Slot>();
        foreach (var shift in shifts)
        {
            var moved = shift.CopyTo(copy.Id, newIds[shift.TherapistId], copy.Day(source.DayIndex(shift.Date)));
            db.Shifts.Add(moved);
            slots.AddRange(moved.CreateSlots(copy.Zone));
        }

        db.Slots.AddRange(Slot.WithoutOverlaps(slots));

        var saved = await db.SaveSymposiumAsync(cancellationToken);
        return saved.IsFailure ? saved.Error : SymposiumView.From(copy, now);
    }
}
