using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>Loading symposia the way every organizer use case needs them.</summary>
public static class SymposiumLookup
{
    public const string YearIndex = "ix_symposia_year";

    public static async Task<Result<Symposium>> FindAsync(this BookingDb db, Guid id, CancellationToken ct) =>
        await db.Symposia.FirstOrDefaultAsync(e => e.Id == id, ct) is { } symposium ? symposium : SymposiumErrors.NotFound;

    /// <summary>The symposium, if it exists and has not ended: every change starts here.</summary>
    public static async Task<Result<Symposium>> FindChangeableAsync(this BookingDb db, Guid id, Instant now, CancellationToken ct)
    {
        var found = await db.FindAsync(id, ct);
        if (found.IsFailure)
        {
            return found;
        }

        var changeable = found.Value.EnsureChangeable(now);
        return changeable.IsFailure ? changeable.Error : found;
    }

    /// <summary>
    /// The symposium, its row locked until the caller's transaction ends. The lock waits for every booking still being
    /// written (each holds a key-share lock on its symposium's row until it commits) and holds off new ones.
    /// </summary>
    public static async Task<Result<Symposium>> FindLockedAsync(this BookingDb db, Guid id, CancellationToken ct) =>
        await db.Symposia.FromSql($"SELECT * FROM symposia WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct) is { } symposium
            ? symposium
            : SymposiumErrors.NotFound;

    public static Task<bool> YearTakenAsync(this BookingDb db, int year, Guid? except, CancellationToken ct) =>
        db.Symposia.AnyAsync(e => e.Year == year && e.Id != except, ct);

    /// <summary>Saves, answering <c>symposium.year_taken</c> when a concurrent request took the year first.</summary>
    public static async Task<Result> SaveSymposiumAsync(this BookingDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Success;
        }
        catch (DbUpdateException e) when (e.Violates(YearIndex))
        {
            return SymposiumErrors.YearTaken;
        }
    }
}
