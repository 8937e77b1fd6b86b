using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// The symposia the booking path has read, each with the row version (<c>xmin</c>) it was read at (docs/adr/0030).
/// Every booking's lookup returns its symposium's current version; the kept symposium is used only when that version
/// matches, so an organizer's change (prices, policy, publishing) is seen by the very next booking. One per app.
/// </summary>
/// <remarks>
/// The kept symposia are shared between requests and must only be read: the booking path never changes a symposium.
/// A version is read before the symposium it is kept with, so a kept pair can only be older in its version than in its
/// data, never the other way round; a symposium that changed in between is simply read again next time.
/// </remarks>
public sealed class SymposiumSnapshots
{
    private readonly ConcurrentDictionary<Guid, (uint Version, Symposium Symposium)> _byId = new();

    /// <summary>The symposium as of <paramref name="version"/> or later; read from the database when not kept at it.</summary>
    public async ValueTask<Symposium> GetAsync(BookingDb db, Guid id, uint version, CancellationToken ct)
    {
        if (_byId.TryGetValue(id, out var kept) && kept.Version == version)
        {
            return kept.Symposium;
        }

        var symposium = await db.Symposia.AsNoTracking().SingleAsync(e => e.Id == id, ct);
        _byId[id] = (version, symposium);
        return symposium;
    }
}
