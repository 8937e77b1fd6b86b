using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Editions;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// The editions the booking path has read, each with the row version (<c>xmin</c>) it was read at (docs/adr/0030).
/// Every booking's lookup returns its edition's current version; the kept edition is used only when that version
/// matches, so an organizer's change (prices, policy, publishing) is seen by the very next booking. One per app.
/// </summary>
/// <remarks>
/// The kept editions are shared between requests and must only be read: the booking path never changes an edition.
/// A version is read before the edition it is kept with, so a kept pair can only be older in its version than in its
/// data, never the other way round; an edition that changed in between is simply read again next time.
/// </remarks>
public sealed class EditionSnapshots
{
    private readonly ConcurrentDictionary<Guid, (uint Version, SymposiumEdition Edition)> _byId = new();

    /// <summary>The edition as of <paramref name="version"/> or later; read from the database when not kept at it.</summary>
    public async ValueTask<SymposiumEdition> GetAsync(BookingDb db, Guid id, uint version, CancellationToken ct)
    {
        if (_byId.TryGetValue(id, out var kept) && kept.Version == version)
        {
            return kept.Edition;
        }

        var edition = await db.Editions.AsNoTracking().SingleAsync(e => e.Id == id, ct);
        _byId[id] = (version, edition);
        return edition;
    }
}
