using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Editions;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>Loading editions the way every organizer use case needs them.</summary>
public static class Editions
{
    public const string YearIndex = "ix_symposium_editions_year";

    public static async Task<Result<SymposiumEdition>> FindAsync(this BookingDb db, Guid id, CancellationToken ct) =>
        await db.Editions.FirstOrDefaultAsync(e => e.Id == id, ct) is { } edition ? edition : EditionErrors.NotFound;

    /// <summary>The edition, if it exists and has not ended: every change starts here.</summary>
    public static async Task<Result<SymposiumEdition>> FindChangeableAsync(this BookingDb db, Guid id, Instant now, CancellationToken ct)
    {
        var found = await db.FindAsync(id, ct);
        if (found.IsFailure)
        {
            return found;
        }

        var changeable = found.Value.EnsureChangeable(now);
        return changeable.IsFailure ? changeable.Error : found;
    }

    public static Task<bool> YearTakenAsync(this BookingDb db, int year, Guid? except, CancellationToken ct) =>
        db.Editions.AnyAsync(e => e.Year == year && e.Id != except, ct);

    /// <summary>Saves, answering <c>symposium.year_taken</c> when a concurrent request took the year first.</summary>
    public static async Task<Result> SaveEditionAsync(this BookingDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Success;
        }
        catch (DbUpdateException e) when (e.Violates(YearIndex))
        {
            return EditionErrors.YearTaken;
        }
    }
}
