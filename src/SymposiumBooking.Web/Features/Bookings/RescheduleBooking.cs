using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;
/// <summary>
/// The attendee moves their booking to another slot of the same symposium, in one transaction: the new slot is taken
/// and the old one freed together, or nothing changes (the unique index refuses a taken slot). The write is conditional on
/// the booking's sequence as read (docs/adr/0051): when a payment, a cancel or another move changed the booking
/// meanwhile, nothing is written, no mail is queued, and the answer is 409 <c>booking.changed</c>.
/// </summary>
public sealed record RescheduleBooking(Guid Id, string? Token, RescheduleBody Body) : ICommand<Result<BookingView>>;

public sealed record RescheduleBody(Guid? SlotId, string? OfferToken = null);

public sealed class RescheduleBookingValidator : AbstractValidator<RescheduleBooking>
{
    public RescheduleBookingValidator() =>
        RuleFor(x => x.Body).NotNull().ChildRules(b =>
        {
            b.RuleFor(x => x.SlotId).NotNull().WithMessage("Choose the new time slot.");
            b.RuleFor(x => x.OfferToken).MaximumLength(100);
        });
}

internal sealed class RescheduleBookingHandler(BookingDb db, IClock clock, BookingChanges changes) : ICommandHandler<RescheduleBooking, Result<BookingView>>
{
    public async ValueTask<Result<BookingView>> Handle(RescheduleBooking command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.FindWithTokenAsync(command.Id, command.Token, cancellationToken);
        return found.IsFailure
            ? found.Error
            : await changes.MoveAsync(
                tx, found.Value, command.Body.SlotId, command.Body.OfferToken, BookingChanger.Attendee(command.Token!), now, cancellationToken);
    }
}
