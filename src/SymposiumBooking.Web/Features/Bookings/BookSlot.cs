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
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;
using SymposiumBooking.Web.Infrastructure.Idempotency;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Infrastructure.Security;

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
    CheckoutSessions checkout)
    : ICommandHandler<BookSlot, Result<BookingView>>
{
    public const string Scope = "bookings.create";

    /// <summary>
    /// Two round trips for a booking paid at the table (docs/adr/0030): BEGIN, the slot lookup with the idempotency
    /// key's claim (docs/adr/0036) and (reduced rate) the cap's lock and count in one batch; in the next, the rows and
    /// the stored answer as one statement (docs/adr/0037), then COMMIT. The transaction is begun and ended in SQL so
    /// that COMMIT can travel with the rows; EF Core's own statements on the rarer paths (a lapsed hold, a waitlist
    /// offer, online payment) run inside it on the same connection.
    /// </summary>
    public async ValueTask<Result<BookingView>> Handle(BookSlot command, CancellationToken cancellationToken)
    {
        var (body, key) = (command.Body, command.IdempotencyKey);
        var hashed = idempotent.RequestHashFor(key, body);
        if (hashed.IsFailure)
        {
            return hashed.Error;
        }

        var (now, requestHash) = (clock.GetCurrentInstant(), hashed.Value);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var autoTransactions = db.Database.AutoTransactionBehavior;
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never; // our transaction, begun and ended in SQL
        try
        {
            var read = await ReadAsync(body, key, requestHash, now, cancellationToken);
            if (read.Replay)
            {
                await EndAsync(Rollback, cancellationToken);
                return await idempotent.ReplayAsync<BookingView>(Scope, key!, requestHash, cancellationToken);
            }

            return await BookAsync(body, key, read, now, cancellationToken);
        }
        finally
        {
            if (_inTransaction)
            {
                db.ChangeTracker.Clear();
                await RollbackAfterFailureAsync();
            }

            db.Database.AutoTransactionBehavior = autoTransactions;
            await db.Database.CloseConnectionAsync();
        }
    }

    private const string Begin = "BEGIN ISOLATION LEVEL READ COMMITTED";

    private const string Rollback = "ROLLBACK";

    private const string Commit = "COMMIT";

    /// <summary>
    /// What the first round trip read. <paramref name="Replay"/>: the key was already used, so its stored answer is
    /// the answer: the claim met the key's row (after waiting for a request with it still running), or the slot was
    /// taken and the key was answered (typically by the booking that took it). A taken slot whose key was not used is
    /// refused without a claim.
    /// </summary>
    private sealed record Read(bool Replay, LookedUp? Target, int? ReducedRateBookings);

    /// <summary>
    /// Whether this request's transaction was begun and not yet committed or rolled back; <see cref="Handle"/> rolls
    /// back whatever is left open when it ends. A handler serves one request (a scoped service).
    /// </summary>
    private bool _inTransaction;

    /// <summary>
    /// The first round trip: BEGIN, the lookup with the key's claim (unless the slot is taken) and, at the reduced rate,
    /// the cap's count.
    /// </summary>
    private async Task<Read> ReadAsync(BookingBody body, string? key, string requestHash, Instant now, CancellationToken ct)
    {
        var slotId = body.SlotId!.Value;
        var claim = key is null ? null : new IdempotencyClaim(Scope, key, requestHash);
        await using var batch = db.CreateBatch(new NpgsqlBatchCommand(Begin));
        batch.BatchCommands.Add(BookingStatements.Lookup(slotId, now, claim));
        var reduced = body.Rate == Rate.Reduced;
        if (reduced)
        {
            foreach (var statement in BookingStatements.ReducedRateCount(slotId, Email.Canonical(body.Email!), now))
            {
                batch.BatchCommands.Add(statement);
            }
        }

        _inTransaction = true; // from here on (a batch that fails part-way has still begun it)
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var (target, claimed, keyUsed) = await BookingStatements.ReadLookupAsync(reader, claiming: claim is not null, ct);
        int? count = null;
        if (reduced)
        {
            await reader.NextResultAsync(ct); // past the lookup, to the lock's result (nothing to read)
            await reader.NextResultAsync(ct);
            count = await reader.ReadAsync(ct) ? reader.GetInt32(0) : 0;
        }

        await reader.DisposeAsync();
        var replay = claim is not null && !claimed && (target is not { Taken: true } || keyUsed);
        return new Read(replay, target, count);
    }

    private async Task<Result<BookingView>> BookAsync(BookingBody body, string? key, Read read, Instant now, CancellationToken ct)
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
            return allowed.Error;
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
            return await TakenAsync(slot, symposium, now, ct);
        }

        if (target.HoldLapsed)
        {
            await Holds.ReleaseLapsedAsync(db, now, slot.Id, ct);
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
                rate == Rate.Reduced ? symposium.ReducedRateCents : symposium.StandardRateCents,
                symposium.Currency,
                payment == PaymentMethod.Online ? now + CheckoutSessions.HoldFor(policy) : null),
            tokenHash,
            now);
        var booked = new BookedSlot(booking, slot, target.TherapistName, symposium);
        var paidAtTable = payment == PaymentMethod.Online ? null : BookingView.From(booked, now, token);

        var intake = BookingIntake.Create(booking.Id, IntakeJson.Write(body.Intake!.ToIntake()));
        var protector = IntakeProtection.ProtectorFor(db);
        await using var write = db.CreateBatch();
        if (paidAtTable is null)
        {
            write.BatchCommands.Add(BookingStatements.Write(booking, intake, protector));
        }
        else
        {
            // Confirmed at once: the invite is queued with the booking, the answer stored, and COMMIT sent in the same
            // round trip. An online hold gets its invite once paid.
            var answer = key is null ? null : new SealedAnswer(Scope, key, idempotent.Seal(paidAtTable));
            write.BatchCommands.Add(BookingStatements.Write(booking, intake, protector, mails.ConfirmedMessage(booking, token, now), answer));
            write.BatchCommands.Add(new NpgsqlBatchCommand(Commit));
        }

        try
        {
            await write.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.Violates(BookingConfiguration.OneActiveBookingPerSlot))
        {
            return await TakenAsync(slot, symposium, now, ct); // someone else's booking of the slot committed first
        }

        if (paidAtTable is not null)
        {
            _inTransaction = false; // committed
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
        await using var end = db.CreateBatch();
        if (key is not null)
        {
            end.BatchCommands.Add(idempotent.Answer(Scope, key, awaitingPayment));
        }

        end.BatchCommands.Add(new NpgsqlBatchCommand(Commit));
        await end.ExecuteNonQueryAsync(ct);
        _inTransaction = false;
        return awaitingPayment;
    }

    /// <summary>
    /// The slot is someone else's: the refusal names the free times nearest it on the same day (the
    /// <c>alternatives</c> of the 409), read in the round trip that rolls this transaction back, so that a phone can
    /// offer them at once instead of reloading the whole list (docs/adr/0031).
    /// </summary>
    private async Task<Result<BookingView>> TakenAsync(Slot wanted, Symposium symposium, Instant now, CancellationToken ct)
    {
        var zone = symposium.Zone;
        var day = LocalDays.Span(zone, wanted.StartsAt.InZone(zone).Date);
        db.ChangeTracker.Clear();
        await using var batch = db.CreateBatch(new NpgsqlBatchCommand(Rollback), BookingStatements.Alternatives(wanted, day, now));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        _inTransaction = false; // the ROLLBACK came first in the batch
        var found = await BookingStatements.ReadAlternativesAsync(reader, ct);
        var alternatives = found.Select(a => SlotView.From(a.Slot, a.TherapistName, zone, available: true)).ToList();
        return BookingErrors.SlotUnavailable with
        {
            Extensions = new Dictionary<string, object?> { [BookingErrors.AlternativesMember] = alternatives },
        };
    }

    /// <summary>
    /// Ends a transaction that failed or was refused. A connection broken mid-request cannot send it: PostgreSQL rolls
    /// back what the lost session began, and Npgsql does not return a broken connection to its pool.
    /// </summary>
    private async Task RollbackAfterFailureAsync()
    {
        try
        {
            await EndAsync(Rollback, CancellationToken.None);
        }
        catch (NpgsqlException)
        {
        }
    }

    private async Task EndAsync(string statement, CancellationToken ct)
    {
        _inTransaction = false;
        await using var end = db.CreateBatch(new NpgsqlBatchCommand(statement));
        await end.ExecuteNonQueryAsync(ct);
    }
}
