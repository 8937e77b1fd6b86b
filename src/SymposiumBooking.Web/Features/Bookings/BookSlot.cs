using System.Runtime.CompilerServices;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Editions;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;
using SymposiumBooking.Web.Infrastructure.Idempotency;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// An attendee books a slot (../shared/API.md: <c>POST /api/v1/bookings</c>). Paying at the table confirms at once;
/// paying online holds the slot until the hold expires. PostgreSQL decides who gets a contested slot
/// (<see cref="BookingConfiguration.OneActiveBookingPerSlot"/>) and serialises one attendee's reduced-rate bookings.
/// </summary>
public sealed record BookSlot(BookingBody Body, string? IdempotencyKey = null) : ICommand<Result<BookingView>>;

public sealed class BookSlotValidator : AbstractValidator<BookSlot>
{
    public BookSlotValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new BookingBodyValidator());
}

internal sealed class BookSlotHandler(
    BookingDb db, IClock clock, IdempotentWrites idempotent, IOptions<StripeOptions> stripe, BookingMails mails, CheckoutSessions checkout)
    : ICommandHandler<BookSlot, Result<BookingView>>
{
    public const string Scope = "bookings.create";

    /// <summary>
    /// The slot with its therapist and edition, and whether it is visibly taken, holds a lapsed hold to release, or is
    /// offered to someone on the waitlist: one round trip, so the common booking skips those statements. Compiled
    /// once per EF model, as it runs for every booking (docs/adr/0028); EF refuses to run a compiled query with another
    /// model than its first, and a process that hosts several apps (the tests) has one model per app.
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<BookingDb, Guid, Instant, CancellationToken, Task<BookingTarget?>>> FindTargetByModel = [];

    private static Task<BookingTarget?> FindTarget(BookingDb db, Guid slotId, Instant now, CancellationToken ct) =>
        FindTargetByModel.GetValue(db.Model, _ => CompileFindTarget())(db, slotId, now, ct);

    private static Func<BookingDb, Guid, Instant, CancellationToken, Task<BookingTarget?>> CompileFindTarget() => EF.CompileAsyncQuery(
        (BookingDb db, Guid slotId, Instant now, CancellationToken ct) => (
                from s in db.Slots
                join t in db.Therapists on s.TherapistId equals t.Id
                join e in db.Editions on s.EditionId equals e.Id
                where s.Id == slotId
                select new BookingTarget(
                    s,
                    t.Name,
                    e,
                    db.Bookings.Any(b => b.SlotId == s.Id && BookingStatuses.HoldingSlot.Contains(b.Status)
                                         && !(b.Status == BookingStatus.AwaitingPayment && b.HoldExpiresAt <= now)),
                    db.Bookings.Any(b => b.SlotId == s.Id && b.Status == BookingStatus.AwaitingPayment && b.HoldExpiresAt <= now),
                    db.WaitlistEntries.Any(w => w.OfferedSlotId == s.Id && w.Status == WaitlistStatus.Offered && w.OfferExpiresAt > now)))
            .AsNoTracking()
            .FirstOrDefault());

    public async ValueTask<Result<BookingView>> Handle(BookSlot command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return await idempotent.RunAsync(Scope, command.IdempotencyKey, command.Body, now,
            () => BookAsync(command.Body, now, cancellationToken), cancellationToken);
    }

    private async Task<Result<BookingView>> BookAsync(BookingBody body, Instant now, CancellationToken ct)
    {
        var target = await FindTarget(db, body.SlotId!.Value, now, ct);
        if (target is null)
        {
            return BookingErrors.UnknownSlot;
        }

        var (slot, edition) = (target.Slot, target.Edition);
        var allowed = edition.EnsureBookable(slot.StartsAt, now);
        if (allowed.IsFailure)
        {
            return allowed.Error!;
        }

        var policy = edition.Policy!;
        var payment = body.Payment!.Value;
        if (payment == PaymentMethod.Online && !stripe.Value.OnlinePaymentEnabled)
        {
            return BookingErrors.OnlinePaymentUnavailable;
        }

        if (target.Taken)
        {
            // Answered before writing anything; a race between two free-looking requests is still decided by
            // BookingConfiguration.OneActiveBookingPerSlot below.
            return BookingErrors.SlotUnavailable;
        }

        var rate = body.Rate!.Value;
        var (token, tokenHash) = SecretToken.Create();
        var booking = Booking.Create(
            new BookingRequest(
                edition.Id,
                slot.Id,
                body.Name!,
                body.Email!,
                string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone.Trim(),
                rate,
                payment,
                rate == Rate.Reduced ? edition.ReducedRateCents : edition.StandardRateCents,
                edition.Currency,
                payment == PaymentMethod.Online ? now + CheckoutSessions.HoldFor(policy) : null),
            tokenHash,
            now);

        if (target.HoldLapsed)
        {
            await Holds.ReleaseLapsedAsync(db, now, slot.Id, ct);
        }

        if (target.Offered)
        {
            var offer = await WaitlistOffers.ClaimAsync(db, slot.Id, body.OfferToken, now, ct);
            if (offer.IsFailure)
            {
                return offer.Error!;
            }
        }

        if (rate == Rate.Reduced)
        {
            var underLimit = await ReducedRate.IsUnderLimitAsync(db, edition.Id, booking.NormalizedEmail, policy.ReducedRateLimitPerAttendee, now, ct);
            if (!underLimit)
            {
                return BookingErrors.ReducedRateLimit(policy.ReducedRateLimitPerAttendee);
            }
        }

        db.Bookings.Add(booking);
        db.Intakes.Add(BookingIntake.Create(booking.Id, IntakeJson.Write(body.Intake!.ToIntake())));
        if (booking.Status == BookingStatus.Confirmed)
        {
            mails.Confirmed(booking, token, now); // saved with the booking; an online hold gets its invite once paid
        }

        var booked = new BookedSlot(booking, slot, target.TherapistName, edition);
        var paidAtTable = booking.Payment == PaymentMethod.Online ? null : BookingView.From(booked, now, token);
        if (paidAtTable is not null)
        {
            idempotent.Answer(paidAtTable); // stored in the same batch as the booking
        }

        // A refused insert ends this booking (the whole transaction rolls back), so EF's savepoint around SaveChanges
        // would only add two round trips to every booking (docs/benchmarks.md).
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Violates(BookingConfiguration.OneActiveBookingPerSlot))
        {
            return BookingErrors.SlotUnavailable;
        }

        if (paidAtTable is not null)
        {
            return paidAtTable;
        }

        // After the slot is ours and before commit: a failed call rolls the booking back (docs/adr/0020).
        var started = await checkout.StartAsync(booking, edition, token, now, ct);
        if (started.IsFailure)
        {
            return started.Error!;
        }

        var awaitingPayment = BookingView.From(booked, now, token, started.Value);
        idempotent.Answer(awaitingPayment);
        await db.SaveChangesAsync(ct);
        return awaitingPayment;
    }
}

internal sealed record BookingTarget(Slot Slot, string TherapistName, SymposiumEdition Edition, bool Taken, bool HoldLapsed, bool Offered);

/// <summary>The reduced-rate limit per attendee (normalised email), made safe against the same person racing.</summary>
public static class ReducedRate
{
    /// <summary>
    /// Takes a transaction-scoped advisory lock on (edition, email), then counts that person's active reduced-rate
    /// bookings. Two parallel requests from one person queue on the lock, and the second counts the first's booking
    /// once it commits (READ COMMITTED takes a fresh snapshot per statement). Must run inside a transaction.
    /// </summary>
    /// <remarks>
    /// The lock and the count are two statements sent in one round trip (an <see cref="NpgsqlBatch"/>): PostgreSQL
    /// runs them in order, and the count's snapshot is taken after the lock is held.
    /// </remarks>
    public static async Task<bool> IsUnderLimitAsync(BookingDb db, Guid editionId, string normalizedEmail, int limit, Instant now, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("The reduced-rate count must run inside the booking's transaction.");
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                {
                    Parameters = { new() { Value = $"reduced:{editionId}:{normalizedEmail}" } },
                },
                new NpgsqlBatchCommand("""
                    SELECT count(*)::int FROM bookings
                    WHERE edition_id = $1 AND normalized_email = $2 AND rate = $3 AND status = ANY($4)
                      AND NOT (status = $5 AND hold_expires_at <= $6)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = editionId },
                        new() { Value = normalizedEmail },
                        new() { Value = nameof(Rate.Reduced) },
                        new() { Value = BookingStatuses.HoldingSlot.Select(s => s.ToString()).ToArray() },
                        new() { Value = nameof(BookingStatus.AwaitingPayment) },
                        new() { Value = now },
                    },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetInt32(0) < limit;
    }
}
