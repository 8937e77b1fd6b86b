using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>
/// The buyer collected a paid pickup at the table (<c>POST /api/v1/shop/orders/{id}/picked-up</c>). An unpaid
/// reservation is paid first (409 <c>shop.not_paid</c>); pressing twice answers the same.
/// </summary>
public sealed record MarkOrderPickedUp(Guid OrderId) : ICommand<Result<OrderView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [OrderId];
}

internal sealed class MarkOrderPickedUpHandler(BookingDb db, IClock clock) : ICommandHandler<MarkOrderPickedUp, Result<OrderView>>
{
    public ValueTask<Result<OrderView>> Handle(MarkOrderPickedUp command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return new(db.ChangeLockedAsync(command.OrderId, order => Task.FromResult(order.MarkPickedUp(now)), cancellationToken));
    }
}
