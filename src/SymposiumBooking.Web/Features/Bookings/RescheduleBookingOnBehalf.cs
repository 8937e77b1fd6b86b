using FluentValidation;
using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// An organizer moves a booking for its attendee (docs/adr/0135): to any free slot of the symposium that has not started,
/// even after the policy's cutoff and while booking is closed. The attendee gets the same update (METHOD:REQUEST, higher
/// SEQUENCE) and the old slot goes to the waitlist, as when they move it themselves.
/// </summary>
public sealed record RescheduleBookingOnBehalf(Guid SymposiumId, Guid BookingId, MoveOnBehalfBody Body) : ICommand<Result<BookingView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, BookingId];
}

public sealed record MoveOnBehalfBody(Guid? SlotId);

public sealed class RescheduleBookingOnBehalfValidator : AbstractValidator<RescheduleBookingOnBehalf>
{
    public RescheduleBookingOnBehalfValidator() =>
        RuleFor(x => x.Body).NotNull().ChildRules(b => b.RuleFor(x => x.SlotId).NotNull().WithMessage("Choose the new time slot."));
}

internal sealed class RescheduleBookingOnBehalfHandler(BookingDb db, IClock clock, BookingChanges changes)
    : ICommandHandler<RescheduleBookingOnBehalf, Result<BookingView>>
{
    public async ValueTask<Result<BookingView>> Handle(RescheduleBookingOnBehalf command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.FindInSymposiumAsync(command.SymposiumId, command.BookingId, cancellationToken);
        return found.IsFailure
            ? found.Error
            : await changes.MoveAsync(tx, found.Value, command.Body.SlotId, offerToken: null, BookingChanger.Organizer(), now, cancellationToken);
    }
}
