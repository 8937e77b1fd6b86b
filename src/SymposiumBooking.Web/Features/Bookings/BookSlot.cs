using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Opening;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Infrastructure.Idempotency;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Infrastructure.Telemetry;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// An attendee books a slot (docs/attendees.md: <c>POST /api/v1/bookings</c>). Paying at the table confirms at once;
/// paying online holds the slot until the hold expires. PostgreSQL decides who gets a contested slot
/// (<see cref="BookingConfiguration.OneActiveBookingPerSlot"/>) and serialises one attendee's reduced-rate bookings.
/// </summary>
public sealed record BookSlot(BookingBody Body, string? IdempotencyKey = null) : ICommand<Result<BookingView>>;

public sealed class BookSlotValidator : AbstractValidator<BookSlot>
{
    public BookSlotValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new BookingBodyValidator());
}

internal sealed class BookSlotHandler(
    BookingDb db,
    IClock clock,
    IdempotentWrites idempotent,
    SymposiumSnapshots symposia,
    IOptions<StripeOptions> stripe,
    BookingMails mails,
    BookingWriter writer,
    CheckoutSessions checkout,
    PublicUrls urls,
    BookingMetrics metrics)
    : ICommandHandler<BookSlot, Result<BookingView>>
{
    public const string Scope = "bookings.create";

    /// <summary>
    /// Two round trips for a booking paid at the table (docs/adr/0030), sent by <see cref="BookingWriteSession"/> on
    /// EF Core's connection: BEGIN, the slot lookup with the idempotency key's claim (docs/adr/0036) and (reduced rate)
    /// the cap's lock and count in one batch; in the next, the rows and the stored answer as one statement
    /// (docs/adr/0037), then COMMIT. EF Core's own statements on the rarer paths (a lapsed hold, a waitlist offer,
    /// online payment) run inside the session's transaction on the same connection. Creating a booking raises no event:
    /// its confirmation mail is one of the rows of its statement.
    /// </summary>
    public async ValueTask<Result<BookingView>> Handle(BookSlot command, CancellationToken cancellationToken)
    {
        var (body, key) = (command.Body, command.IdempotencyKey);
        var hashed = idempotent.RequestHashFor(key, body);
        if (hashed.IsFailure)
        {
            return metrics.Booking<BookingView>(hashed.Error, body.Rate, body.Payment);
        }

        var (now, requestHash) = (clock.GetCurrentInstant(), hashed.Value);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var autoTransactions = db.Database.AutoTransactionBehavior;
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never; // the session's transaction, begun and ended in SQL
        try
        {
            await using var session = new BookingWriteSession((NpgsqlConnection)db.Database.GetDbConnection());
            var claim = key is null ? null : new IdempotencyClaim(Scope, key, requestHash);
            var read = await session.BeginAsync(
                body.SlotId!.Value, now, claim, body.Rate == Rate.Reduced ? Email.Canonical(body.Email!) : null, cancellationToken);

            // The key was already used, so its stored answer is the answer: the claim met the key's row (after waiting
            // for a request with it still running), or the slot was taken and the key was answered (typically by the
            // booking that took it). A taken slot whose key was not used is refused without a claim.
            if (claim is not null && !read.Claimed && (read.Target is not { Taken: true } || read.KeyUsed))
            {
                await session.RollbackAsync(cancellationToken);
                return await idempotent.ReplayAsync<BookingView>(Scope, key!, requestHash, cancellationToken);
            }

            // Counted here, not on a replay: a replayed answer was counted when it was first given.
            return metrics.Booking(await BookAsync(session, body, key, read, now, cancellationToken), body.Rate, body.Payment);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.Database.AutoTransactionBehavior = autoTransactions;
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Result<BookingView>> BookAsync(BookingWriteSession session, BookingBody body, string? key, SlotRead read, Instant now, CancellationToken ct)
    {
        if (read.Target is not { } target)
        {
            return BookingErrors.UnknownSlot;
        }

        var slot = target.Slot;
        var symposium = await symposia.GetAsync(db, slot.SymposiumId, target.SymposiumVersion, ct);
        var allowed = symposium.EnsureBookable(slot.StartsAt, now);
        if (allowed.IsFailure)
        {
            return OpeningRefusals.PointToRequests(allowed.Error, symposium, now, urls);
        }

        var policy = symposium.Policy!;
        var payment = body.Payment!.Value;
        if (payment == PaymentMethod.Online && !stripe.Value.OnlinePaymentEnabled)
        {
            return BookingErrors.OnlinePaymentUnavailable;
        }

        if (target.Taken)
        {
            // Answered before writing anything; a race between two free-looking requests is still decided by
            // BookingConfiguration.OneActiveBookingPerSlot below.
            return await TakenAsync(session, slot, symposium, now, ct);
        }

        if (target.HoldLapsed)
        {
            await Holds.TakeOverLapsedAsync(db, writer, slot.Id, now, ct); // not offered to the waitlist: it is being booked
        }

        if (target.Offered)
        {
            var offer = await WaitlistOffers.ClaimAsync(db, slot.Id, body.OfferToken, now, ct);
            if (offer.IsFailure)
            {
                return offer.Error;
            }

            await db.SaveChangesAsync(ct);
        }

        if (read.ReducedRateBookings >= policy.ReducedRateLimitPerAttendee)
        {
            return BookingErrors.ReducedRateLimit(policy.ReducedRateLimitPerAttendee);
        }

        var rate = body.Rate!.Value;
        var (token, tokenHash) = SecretToken.Create();
        var booking = Booking.Create(
            new BookingRequest(
                symposium.Id,
                slot.Id,
                body.Name!,
                body.Email!,
                string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone.Trim(),
                rate,
                payment,
                symposium.PriceOf(rate),
                symposium.Currency,
                payment == PaymentMethod.Online ? now + CheckoutSessions.HoldFor(policy) : null),
            tokenHash,
            now);
        var booked = new BookedSlot(booking, slot, target.TherapistName, symposium);
        var paidAtTable = payment == PaymentMethod.Online ? null : BookingView.From(booked, now, token);

        var intake = BookingIntake.Create(booking.Id, IntakeJson.Write(body.Intake!.ToIntake()));
        var protector = IntakeProtection.ProtectorFor(db);

        // Confirmed at once: the invite is queued with the booking, the answer stored, and COMMIT sent in the same round
        // trip. An online hold gets its invite once paid.
        var inserted = paidAtTable is null
            ? await session.InsertAsync(booking, intake, protector, mail: null, answer: null, commit: false, ct)
            : await session.InsertAsync(
                booking, intake, protector, mails.ConfirmedMessage(booking, token, now),
                key is null ? null : new SealedAnswer(Scope, key, idempotent.Seal(paidAtTable)), commit: true, ct);
        if (!inserted)
        {
            return await TakenAsync(session, slot, symposium, now, ct); // someone else's booking of the slot committed first
        }

        if (paidAtTable is not null)
        {
            return paidAtTable;
        }

        // After the slot is ours and before commit: a failed call rolls the booking back (docs/adr/0020).
        var started = await checkout.StartAsync(booking, symposium, token, now, ct);
        if (started.IsFailure)
        {
            return started.Error;
        }

        await db.SaveChangesAsync(ct); // the Checkout Session's row
        var awaitingPayment = BookingView.From(booked, now, token, started.Value);
        await session.CommitAsync(key is null ? null : idempotent.Answer(Scope, key, awaitingPayment), ct);
        return awaitingPayment;
    }

    /// <summary>
    /// The slot is someone else's: the refusal names the free times nearest it on the same day (the
    /// <c>alternatives</c> of the 409), read in the round trip that rolls this transaction back, so that a phone can
    /// offer them at once instead of reloading the whole list (docs/adr/0031).
    /// </summary>
    private async Task<Result<BookingView>> TakenAsync(BookingWriteSession session, Slot wanted, Symposium symposium, Instant now, CancellationToken ct)
    {
        var zone = symposium.Zone;
        var day = LocalDays.Span(zone, wanted.StartsAt.InZone(zone).Date);
        db.ChangeTracker.Clear();
        var found = await session.RollbackWithAlternativesAsync(wanted, day, now, ct);
        var alternatives = found.Select(a => SlotView.From(a.Slot, a.TherapistName, zone, available: true)).ToList();
        return BookingErrors.SlotUnavailable with
        {
            Extensions = new Dictionary<string, object?> { [BookingErrors.AlternativesMember] = alternatives },
        };
    }
}
