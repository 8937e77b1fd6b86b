using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>
/// The attendee withdraws their request while requests are open; withdrawing again answers the same. The address may
/// then send a new request.
/// </summary>
public sealed record WithdrawDrawRequest(Guid Id, string? Token) : ICommand<Result<DrawRequestView>>;

internal sealed class WithdrawDrawRequestHandler(BookingDb db, IClock clock) : ICommandHandler<WithdrawDrawRequest, Result<DrawRequestView>>
{
    public async ValueTask<Result<DrawRequestView>> Handle(WithdrawDrawRequest command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var found = await db.FindWithTokenAsync(command.Id, command.Token, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var request = found.Value;
        var symposium = (await db.FindAsync(request.SymposiumId, cancellationToken)).Value;
        if (request.Status != DrawRequestStatus.Withdrawn)
        {
            var open = symposium.Policy?.Draw is { } draw && draw.TakesRequestsAt(now);
            var withdrawn = open ? request.Withdraw(now) : DrawErrors.RequestNotChangeable;
            if (withdrawn.IsFailure)
            {
                return withdrawn.Error;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return await DrawRequests.ViewAsync(db, request, symposium, now, null, cancellationToken);
    }
}
