using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>
/// Runs a symposium's draw once its requests have closed (docs/fair-opening.md): by an organizer's button, or by the
/// background worker at <see cref="DrawOpening.RequestsCloseAt"/>. All of it is one transaction that first locks the
/// draw's row: running it again, or two runs at once, answer the draw that was made. Winners get bookings (paying at the
/// table: confirmed, with the usual confirmation and invite; online: held for the policy's hold, with a mail to pay),
/// requests left without a slot are put on the waitlist for their choices' days, requests over the reduced-rate cap are
/// left out, and the seed is revealed with everything the draw ran on.
/// </summary>
public sealed record RunDraw(Guid SymposiumId) : ICommand<Result<DrawView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId];
}

internal sealed class RunDrawHandler(BookingDb db, IClock clock, IDataProtectionProvider protection, ISender sender)
    : ICommandHandler<RunDraw, Result<DrawView>>
{
    public async ValueTask<Result<DrawView>> Handle(RunDraw command, CancellationToken cancellationToken)
    {
        var ran = await RunAsync(command.SymposiumId, clock.GetCurrentInstant(), cancellationToken);
        if (ran.IsFailure)
        {
            return ran.Error;
        }

        // A draw made just now is answered from memory; one made before is read back like anyone reads it.
        return ran.Value ?? await sender.Send(new GetDraw(command.SymposiumId), cancellationToken);
    }

    /// <summary>The view of the draw this run made; null when it had been made before.</summary>
    private async Task<Result<DrawView?>> RunAsync(Guid symposiumId, Instant now, CancellationToken ct)
    {
        var found = await db.FindAsync(symposiumId, ct);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        if (symposium.Policy is not { Draw: { } opening } policy || symposium.Status == SymposiumStatus.Draft)
        {
            return DrawErrors.NotByDraw;
        }

        if (!opening.ClosedAt(now))
        {
            return DrawErrors.StillOpen;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var draw = await db.Draws.FromSql($"SELECT * FROM symposium_draws WHERE symposium_id = {symposiumId} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (draw is null)
        {
            return DrawErrors.NotByDraw;
        }

        if (draw.HasRun)
        {
            return (DrawView?)null; // already drawn (perhaps a moment ago, by another run): that draw is the answer
        }

        var seed = DrawSeed.FromHex(protection.CreateProtector(DrawCommitments.SeedPurpose).Unprotect(draw.ProtectedSeed))!;
        var everySlot = (await DrawRequests.SlotsOfAsync(db, symposium, now, ct)).ToDictionary(s => s.Slot.Id);
        var slots = everySlot.Values.Where(s => s.Free).ToList();
        var requests = await db.DrawRequests.AsNoTracking()
            .Where(r => r.SymposiumId == symposiumId && r.Status == DrawRequestStatus.Submitted)
            .Select(r => new Entrant(r.Id, r.Name, r.Email, r.NormalizedEmail, r.Phone, r.Rate, r.Payment, r.Choices, r.TokenHash, r.ProtectedToken))
            .ToListAsync(ct);
        var overCap = await OverReducedCapAsync(symposium, policy, requests, now, ct);
        var entrants = requests.Where(r => !overCap.Contains(r.Id)).ToList();
        var allocations = Draw.Run(
            seed,
            [.. slots.Select(s => s.Slot)],
            [.. entrants.Select(e => new DrawEntry(e.Id.ToString(), [.. e.Choices.Select(c => c.ToDrawChoice()!)]))]);

        var written = new DrawWrite(symposium, policy, now);
        var byId = entrants.ToDictionary(e => e.Id);
        var slotById = slots.ToDictionary(s => s.Slot.Id);
        foreach (var allocation in allocations)
        {
            var entrant = byId[Guid.Parse(allocation.RequestId)];
            if (allocation.SlotId is { } slotId)
            {
                written.Allocate(entrant, slotById[slotId], allocation);
            }
            else
            {
                written.LeaveOut(entrant, allocation, DaysOf(entrant, everySlot));
            }
        }

        foreach (var excluded in requests.Where(r => overCap.Contains(r.Id)))
        {
            written.Exclude(excluded);
        }

        var published = new PublishedDraw(
            [.. slots.Select(s => s.Slot).Order(DrawSlotOrder.Instance).Select(s => new PublishedSlot(
                s.Id, NodaTime.Text.LocalDatePattern.Iso.Format(s.Date), ApiFormat.TimeOfDay(s.Start), s.TherapistId))],
            [.. entrants.OrderBy(e => e.Id.ToString(), StringComparer.Ordinal).Select(e => new PublishedRequest(e.Id, [.. e.Choices.Select(PublishedDraw.Choice)]))],
            [.. allocations.Select(a => new PublishedAllocation(Guid.Parse(a.RequestId), a.Position, a.SlotId, a.ChoiceRank))]);
        draw.Record(seed, entrants.Count, allocations.Count(a => a.Won), published.ToJson(), now);

        await written.ExecuteAsync((NpgsqlConnection)db.Database.GetDbConnection(), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return GetDrawHandler.View(draw, policy, opening, entrants.Count, published, now);
    }

    /// <summary>The reduced-rate requests of people who already have as many reduced-rate bookings as the policy allows.</summary>
    private async Task<HashSet<Guid>> OverReducedCapAsync(Symposium symposium, BookingPolicy policy, IReadOnlyList<Entrant> requests, Instant now, CancellationToken ct)
    {
        var held = await db.Bookings
            .Where(b => b.SymposiumId == symposium.Id && b.Rate == Rate.Reduced && BookingStatuses.HoldingSlot.Contains(b.Status)
                        && !(b.Status == BookingStatus.AwaitingPayment && b.HoldExpiresAt <= now))
            .GroupBy(b => b.NormalizedEmail).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. requests.Where(r => r.Rate == Rate.Reduced && held.GetValueOrDefault(r.NormalizedEmail) >= policy.ReducedRateLimitPerAttendee).Select(r => r.Id)];
    }

    /// <summary>The days a request's choices were on, for its waitlist entries.</summary>
    private static IEnumerable<LocalDate> DaysOf(Entrant entrant, Dictionary<Guid, NamedSlot> slots) =>
        entrant.Choices.Select(c => c.Date ?? (c.SlotId is { } id && slots.TryGetValue(id, out var s) ? s.Slot.Date : (LocalDate?)null))
            .OfType<LocalDate>().Distinct();
}

/// <summary>A request as the draw reads it: no intake (copied in SQL, still encrypted, for the winners).</summary>
internal sealed record Entrant(
    Guid Id, string Name, string Email, string NormalizedEmail, string? Phone, Rate Rate, PaymentMethod Payment,
    IReadOnlyList<RequestedChoice> Choices, string TokenHash, string ProtectedToken);
