using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Features.Sessions;

/// <summary>
/// The signed-in staff member behind a request, and where the request came from: what every read of intake data
/// records in the audit log (docs/therapists.md).
/// </summary>
public sealed record StaffReader(Guid UserId, bool IsOrganizer, string? RemoteIp, string? UserAgent)
{
    public string Role => IsOrganizer ? Roles.Organizer : Roles.Therapist;

    public static StaffReader From(HttpContext http) => new(
        UserIdOf(http.User),
        http.User.IsInRole(Roles.Organizer),
        ClientAddress.Exact(http),
        http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);

    public static Guid UserIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
}

public static class IntakeAudit
{
    /// <summary>
    /// Reads the intakes of <paramref name="bookingIds"/> and writes one audit row per booking in the same
    /// transaction: the rows are committed before any intake leaves this method, and a failed audit write means
    /// no intake is read at all.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, Intake>> ReadIntakesAsync(
        this BookingDb db, IReadOnlyCollection<Guid> bookingIds, StaffReader reader, IntakeSurface surface, Instant now, CancellationToken ct)
    {
        if (bookingIds.Count == 0)
        {
            return new Dictionary<Guid, Intake>();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.IntakeReads.AddRange(bookingIds.Select(id =>
            IntakeRead.Create(id, reader.UserId, reader.Role, surface, now, reader.RemoteIp, reader.UserAgent)));
        await db.SaveChangesAsync(ct);
        var intakes = await db.Intakes.AsNoTracking()
            .Where(i => bookingIds.Contains(i.BookingId))
            .ToDictionaryAsync(i => i.BookingId, i => IntakeJson.Read(i.Data), ct);
        await transaction.CommitAsync(ct);
        return intakes;
    }
}
