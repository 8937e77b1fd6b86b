using FluentValidation;
using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>The carrier and tracking number of a posted order.</summary>
public sealed record ShippedBody(string? Carrier, string? TrackingNumber);

/// <summary>
/// An organizer posted a paid order (<c>POST /api/v1/shop/orders/{id}/shipped</c>): the buyer is mailed the carrier and
/// tracking number. The same carrier and number again changes nothing; a corrected number is mailed again.
/// </summary>
public sealed record MarkOrderShipped(Guid OrderId, ShippedBody Body) : ICommand<Result<OrderView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [OrderId];
}

public sealed class MarkOrderShippedValidator : AbstractValidator<MarkOrderShipped>
{
    public MarkOrderShippedValidator()
    {
        RuleFor(x => x.Body).NotNull();
        RuleFor(x => x.Body.Carrier).NotEmpty().WithMessage("Enter the carrier, for example USPS.")
            .MaximumLength(Order.MaxCarrierLength).SingleLine().When(x => x.Body is not null);
        RuleFor(x => x.Body.TrackingNumber).NotEmpty().WithMessage("Enter the tracking number.")
            .MaximumLength(Order.MaxTrackingLength).SingleLine().When(x => x.Body is not null);
    }
}

internal sealed class MarkOrderShippedHandler(BookingDb db, IClock clock) : ICommandHandler<MarkOrderShipped, Result<OrderView>>
{
    public ValueTask<Result<OrderView>> Handle(MarkOrderShipped command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return new(db.ChangeLockedAsync(command.OrderId, order =>
        {
            var before = (order.Status, order.Carrier, order.TrackingNumber);
            var shipped = order.MarkShipped(command.Body.Carrier!.Trim(), command.Body.TrackingNumber!.Trim(), now);
            if (shipped.IsSuccess && before != (order.Status, order.Carrier, order.TrackingNumber))
            {
                db.Outbox.Add(OrderMails.Queue(OutboxTypes.OrderShipped, order.Id, now));
            }

            return Task.FromResult(shipped);
        }, cancellationToken));
    }
}
