using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>
/// The last report the scheduled reconciliation stored for a symposium (one row per symposium, overwritten each round),
/// so the payments page can show it without asking Stripe. Mismatches are kept as the report's JSON.
/// </summary>
public sealed class ReconciliationRun
{
    private ReconciliationRun()
    {
    }

    public Guid SymposiumId { get; private set; }

    public Instant CheckedAt { get; private set; }

    public int SessionsChecked { get; private set; }

    public int RefundsChecked { get; private set; }

    public string Mismatches { get; private set; } = "[]";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stores <paramref name="report"/> as the symposium's latest, in one statement (the newest round wins).</summary>
    public static Task StoreAsync(BookingDb db, ReconciliationReport report, Instant checkedAt, CancellationToken ct)
    {
        var mismatches = JsonSerializer.Serialize(report.Mismatches, Json);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO reconciliation_runs (symposium_id, checked_at, sessions_checked, refunds_checked, mismatches)
            VALUES ({report.SymposiumId}, {checkedAt}, {report.SessionsChecked}, {report.RefundsChecked}, {mismatches}::jsonb)
            ON CONFLICT (symposium_id) DO UPDATE SET
                checked_at = excluded.checked_at, sessions_checked = excluded.sessions_checked,
                refunds_checked = excluded.refunds_checked, mismatches = excluded.mismatches
            WHERE reconciliation_runs.checked_at <= excluded.checked_at
            """, ct);
    }

    public ReconciliationReport ToReport(DateTimeZone zone) => new(
        SymposiumId, ApiFormat.Local(CheckedAt, zone), SessionsChecked, RefundsChecked,
        JsonSerializer.Deserialize<List<PaymentMismatch>>(Mismatches, Json) ?? []);
}

/// <summary>The symposium's stored reconciliation report, or <c>null</c> when the scheduled job has not checked it yet.</summary>
public sealed record LatestReconciliation(Guid SymposiumId) : IQuery<Result<ReconciliationReport?>>;

internal sealed class LatestReconciliationHandler(BookingDb db) : IQueryHandler<LatestReconciliation, Result<ReconciliationReport?>>
{
    public async ValueTask<Result<ReconciliationReport?>> Handle(LatestReconciliation query, CancellationToken cancellationToken)
    {
        var found = await db.FindAsync(query.SymposiumId, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var run = await db.Set<ReconciliationRun>().AsNoTracking().SingleOrDefaultAsync(r => r.SymposiumId == query.SymposiumId, cancellationToken);
        return run?.ToReport(found.Value.Zone);
    }
}
