using FluentValidation;
using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Shop;

/// <summary>How a reservation was paid at the table.</summary>
public sealed record OrderPaidBody(TablePaymentMethod? Method);

/// <summary>
/// A reserved pickup paid at the table (<c>POST /api/v1/shop/orders/{id}/paid</c>), recorded by the organizer who took
/// the money: the buyer gets the receipt. Pressing twice answers the same; an order that is not a reservation answers
/// 409 <c>shop.not_reserved</c>.
/// </summary>
public sealed record RecordOrderPaid(Guid OrderId, Guid OrganizerId, OrderPaidBody Body) : ICommand<Result<OrderView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [OrderId];
}

public sealed class RecordOrderPaidValidator : AbstractValidator<RecordOrderPaid>
{
    public RecordOrderPaidValidator()
    {
        RuleFor(x => x.Body).NotNull();
        RuleFor(x => x.Body.Method).Chosen("Choose cash, card or other.").When(x => x.Body is not null);
    }
}

internal sealed class RecordOrderPaidHandler(BookingDb db, IClock clock) : ICommandHandler<RecordOrderPaid, Result<OrderView>>
{
    public ValueTask<Result<OrderView>> Handle(RecordOrderPaid command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return new(db.ChangeLockedAsync(command.OrderId, order =>
        {
            var wasReserved = order.Status == OrderStatus.Reserved;
            var paid = order.PayAtTable(command.Body.Method!.Value, command.OrganizerId, now);
            if (paid.IsSuccess && wasReserved)
            {
                db.Outbox.Add(OrderMails.Queue(OutboxTypes.OrderReceipt, order.Id, now));
            }

            return Task.FromResult(paid);
        }, cancellationToken));
    }
}
