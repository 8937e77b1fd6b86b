using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Infrastructure.Background;

/// <summary>
/// When a job that must run once per interval across all replicas last started a round (docs/adr/0112): one row per
/// job, claimed by <see cref="ClaimAsync"/>.
/// </summary>
public sealed class ScheduledRound
{
    private ScheduledRound()
    {
    }

    /// <summary>The job's name, for example <c>payment-reconciliation</c>.</summary>
    public string Job { get; private set; } = "";

    /// <summary>When the last round started, on the clock of the replica that ran it.</summary>
    public Instant StartedAt { get; private set; }

    /// <summary>
    /// Claims a round of <paramref name="job"/> at <paramref name="now"/>: true when no replica started one in the last
    /// <paramref name="interval"/> (less a tenth, for timers that fire a little early and clocks that differ a little),
    /// and then the round is this replica's. One statement: of several replicas asking at once, the row lock lets
    /// exactly one through, and the others see its start.
    /// </summary>
    public static async Task<bool> ClaimAsync(IServiceScopeFactory scopes, string job, Instant now, TimeSpan interval, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        var startedBefore = now - Duration.FromTimeSpan(interval * 0.9);
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO scheduled_rounds (job, started_at) VALUES ({job}, {now})
            ON CONFLICT (job) DO UPDATE SET started_at = excluded.started_at
            WHERE scheduled_rounds.started_at <= {startedBefore}
            """, ct);
        return claimed == 1;
    }
}
