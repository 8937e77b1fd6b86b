using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace SymposiumBooking.Web.Infrastructure.Idempotency;

/// <summary>
/// Runs a create request at most once per <c>Idempotency-Key</c> (../shared/API.md). The key's row is inserted first,
/// inside the same transaction as the work: a concurrent request with the same key waits on that row until the first
/// commits (and then replays its answer) or rolls back (and then does the work itself). A failed request stores
/// nothing, so retrying it runs it again.
/// </summary>
public sealed class IdempotentWrites(BookingDb db, IDataProtectionProvider protection, IOptions<JsonOptions> json)
{
    public const int MaxKeyLength = 255;

    public static readonly Duration Retention = Duration.FromHours(24);

    public static readonly Error KeyReused =
        new("idempotency.key_reused", ErrorKind.Rule, "This Idempotency-Key was already used with a different request body.");

    public static readonly Error BadKey = Error.Invalid("idempotency.bad_key", "Idempotency-Key",
        $"An Idempotency-Key is 1 to {MaxKeyLength} visible ASCII characters, for example a UUID.");

    private readonly IDataProtector _protector = protection.CreateProtector("SymposiumBooking.Idempotency.v1");

    private IdempotencyRecord? _claimed;

    private object? _answered;

    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKeyLength && key.All(c => c is > ' ' and <= '~');

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction. With a key, the answer is stored with it and a retry with the
    /// same key and body gets the stored answer instead of running the work again.
    /// </summary>
    public async Task<Result<T>> RunAsync<T>(
        string scope, string? key, object body, Instant now, Func<Task<Result<T>>> work, CancellationToken ct)
    {
        if (key is not null && !IsValidKey(key))
        {
            return BadKey;
        }

        var requestHash = key is null ? "" : Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, json.Value.SerializerOptions)));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (key is not null)
        {
            var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO idempotency_records (scope, key, request_hash, created_at)
                VALUES ({scope}, {key}, {requestHash}, {now})
                ON CONFLICT (scope, key) DO NOTHING
                """, ct);
            if (claimed == 0)
            {
                await tx.RollbackAsync(ct);
                return await ReplayAsync<T>(scope, key, requestHash, ct);
            }

            _claimed = db.Set<IdempotencyRecord>().Attach(IdempotencyRecord.Claimed(scope, key, requestHash, now)).Entity;
        }

        var result = await work();
        if (result.IsFailure)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return result;
        }

        if (key is not null)
        {
            // Saved already when the work answered with this very value and its SaveChanges stored it.
            var saved = _answered is not null && ReferenceEquals(_answered, result.Value) && db.Entry(_claimed!).State == EntityState.Unchanged;
            if (!saved)
            {
                var response = Protect(result.Value);
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE idempotency_records SET response = {response} WHERE scope = {scope} AND key = {key}", ct);
            }
        }

        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Puts <paramref name="answer"/> in the key's row as a tracked change, so the work's last <c>SaveChanges</c> stores
    /// it in the same batch as the work's own rows instead of one more statement after it. Call it right before that
    /// <c>SaveChanges</c> with the very object the work will return; <see cref="RunAsync{T}"/> stores the answer itself
    /// when the work returns another object or did not save it. Without a key this does nothing.
    /// </summary>
    public void Answer<T>(T answer)
    {
        if (_claimed is null)
        {
            return;
        }

        _answered = answer;
        _claimed.Answer(Protect(answer));
    }

    private string Protect<T>(T answer) => _protector.Protect(JsonSerializer.Serialize(answer, json.Value.SerializerOptions));

    /// <summary>Forgets answers older than <see cref="Retention"/>; after that a key may be used afresh.</summary>
    public Task<int> PurgeAsync(Instant now, CancellationToken ct)
    {
        var before = now - Retention;
        return db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM idempotency_records WHERE created_at < {before}", ct);
    }

    private async Task<Result<T>> ReplayAsync<T>(string scope, string key, string requestHash, CancellationToken ct)
    {
        var record = await db.Set<IdempotencyRecord>().AsNoTracking().SingleAsync(r => r.Scope == scope && r.Key == key, ct);
        if (record.RequestHash != requestHash)
        {
            return KeyReused;
        }

        // The first request committed, so its answer is there; the row is written and answered in one transaction.
        return JsonSerializer.Deserialize<T>(_protector.Unprotect(record.Response!), json.Value.SerializerOptions)!;
    }
}
