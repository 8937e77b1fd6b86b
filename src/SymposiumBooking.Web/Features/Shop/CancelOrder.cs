using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// An organizer cancels a reservation the buyer will not collect (<c>POST /api/v1/shop/orders/{id}/cancel</c>): its
/// copies go back on sale in the same transaction. Only an unpaid reservation (409 <c>shop.not_reserved</c>); a paid
/// order is refunded instead. Pressing twice answers the same and returns nothing twice.
/// </summary>
public sealed record CancelOrder(Guid OrderId) : ICommand<Result<OrderView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [OrderId];
}

internal sealed class CancelOrderHandler(BookingDb db, IClock clock) : ICommandHandler<CancelOrder, Result<OrderView>>
{
    public ValueTask<Result<OrderView>> Handle(CancelOrder command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return new(db.ChangeLockedAsync(command.OrderId, async order =>
        {
            var cancelled = order.Cancel(now);
            if (cancelled.IsFailure)
            {
                return cancelled.Error;
            }

            if (cancelled.Value)
            {
                await Orders.ReturnCopiesAsync(db, order, now, cancellationToken);
            }

            return Result.Success;
        }, cancellationToken));
    }
}
