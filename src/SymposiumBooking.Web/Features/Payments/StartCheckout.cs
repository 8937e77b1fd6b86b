using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>
/// The Stripe Checkout Session of an online booking made without one: a slot the draw gave (docs/fair-opening.md)
/// is held without calling Stripe a thousand times inside the draw's transaction, and its session is made when its
/// holder comes to pay. A booking that has a session answers that session's page; a hold that has lapsed answers 422.
/// </summary>
public sealed record StartCheckout(Guid BookingId, string? Token) : ICommand<Result<string>>;

/// <summary>Where to pay: the Stripe Checkout page.</summary>
public sealed record CheckoutLink(string CheckoutUrl);

internal sealed class StartCheckoutHandler(BookingDb db, IClock clock, CheckoutSessions checkout) : ICommandHandler<StartCheckout, Result<string>>
{
    public static readonly Error NotPayable =
        new("payment.not_payable", ErrorKind.Rule, "This booking is not waiting for an online payment (it is paid, released, or paid at the table).");

    public async ValueTask<Result<string>> Handle(StartCheckout command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var found = await db.FindWithTokenAsync(command.BookingId, command.Token, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var booking = found.Value.Booking;
        if (booking.Payment != PaymentMethod.Online || !booking.HoldsSlotAt(now) || booking.Status != BookingStatus.AwaitingPayment)
        {
            return NotPayable;
        }

        var existing = await db.OnlinePayments.Where(p => p.BookingId == booking.Id).Select(p => p.CheckoutUrl).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var started = await checkout.StartAsync(booking, found.Value.Symposium, command.Token!, now, cancellationToken);
        if (started.IsFailure)
        {
            return started.Error;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Two taps at once: Stripe answered both with the same session (its idempotency key is the booking's), one row won.
        }

        return started.Value;
    }
}
