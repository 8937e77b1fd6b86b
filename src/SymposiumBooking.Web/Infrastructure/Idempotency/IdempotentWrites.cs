using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace SymposiumBooking.Web.Infrastructure.Idempotency;

/// <summary>
/// Runs a create request at most once per <c>Idempotency-Key</c> (docs/attendees.md). The key's row is inserted first,
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

    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKeyLength && key.All(c => c is > ' ' and <= '~');

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction. With a key, the answer is stored with it and a retry with the
    /// same key and body gets the stored answer instead of running the work again.
    /// </summary>
    public async Task<Result<T>> RunAsync<T>(
        string scope, string? key, object body, Instant now, Func<Task<Result<T>>> work, CancellationToken ct)
    {
        var hashed = RequestHashFor(key, body);
        if (hashed.IsFailure)
        {
            return hashed.Error;
        }

        var requestHash = hashed.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (key is not null)
        {
            await using var claim = db.CreateBatch(Claim(scope, key, requestHash, now));
            if (await claim.ExecuteNonQueryAsync(ct) == 0)
            {
                await tx.RollbackAsync(ct);
                return await ReplayAsync<T>(scope, key, requestHash, ct);
            }
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
            await using var answer = db.CreateBatch(Answer(scope, key, result.Value));
            await answer.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// SHA-256 of the request body as JSON, stored with the key (the same key with another body is refused); "" without
    /// a key; <see cref="BadKey"/> for a key that is not one.
    /// </summary>
    public Result<string> RequestHashFor(string? key, object body)
    {
        if (key is null)
        {
            return "";
        }

        return IsValidKey(key)
            ? Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, json.Value.SerializerOptions)))
            : BadKey;
    }

    /// <summary>
    /// Inserts the key's row unless it is there: no rows affected means the key was used (the statement waits for a
    /// request with the same key still running, until it commits or rolls back). Run it first in the work's transaction.
    /// </summary>
    public static NpgsqlBatchCommand Claim(string scope, string key, string requestHash, Instant now) => new(ClaimSql("$1", "$2", "$3", "$4"))
    {
        Parameters = { new() { Value = scope }, new() { Value = key }, new() { Value = requestHash }, new() { Value = now } },
    };

    /// <summary>
    /// The claim's SQL with its values as the given SQL expressions (parameters of the statement it is part of), made
    /// only when <paramref name="when"/> holds (a condition in the same statement, so read in the same snapshot).
    /// </summary>
    public static string ClaimSql(string scope, string key, string requestHash, string now, string when = "true") => $"""
        INSERT INTO idempotency_records (scope, key, request_hash, created_at) SELECT {scope}, {key}, {requestHash}, {now} WHERE {when}
        ON CONFLICT (scope, key) DO NOTHING
        """;

    /// <summary>Whether the key has a committed row (a request with it was answered), as an SQL expression.</summary>
    public static string UsedSql(string scope, string key) =>
        $"EXISTS (SELECT FROM idempotency_records r WHERE r.scope = {scope} AND r.key = {key})";

    /// <summary>Stores <paramref name="answer"/> (encrypted) in the claimed row, in the work's transaction.</summary>
    public NpgsqlBatchCommand Answer<T>(string scope, string key, T answer) => new(AnswerSql("$1", "$2", "$3"))
    {
        Parameters = { new() { Value = scope }, new() { Value = key }, new() { Value = Seal(answer) } },
    };

    /// <summary>
    /// The SQL that stores an answer (<see cref="Seal"/>) in the claimed row, its values as the given SQL expressions
    /// (parameters of the statement it is part of).
    /// </summary>
    public static string AnswerSql(string scope, string key, string sealedAnswer) =>
        $"UPDATE idempotency_records SET response = {sealedAnswer} WHERE scope = {scope} AND key = {key}";

    /// <summary><paramref name="answer"/> as it is stored with its key: JSON, encrypted.</summary>
    public string Seal<T>(T answer) => _protector.Protect(JsonSerializer.Serialize(answer, json.Value.SerializerOptions));

    /// <summary>Forgets answers older than <see cref="Retention"/>; after that a key may be used afresh.</summary>
    public Task<int> PurgeAsync(Instant now, CancellationToken ct)
    {
        var before = now - Retention;
        return db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM idempotency_records WHERE created_at < {before}", ct);
    }

    /// <summary>The answer stored for a used key, or <see cref="KeyReused"/> when it came with another body.</summary>
    public async Task<Result<T>> ReplayAsync<T>(string scope, string key, string requestHash, CancellationToken ct)
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
