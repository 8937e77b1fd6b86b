using Mediator;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Calendar;

/// <summary>
/// A private feed's address, answered once: only the token's hash is kept, so asking again issues a new token and
/// the old address stops working (that is how a leaked address is revoked).
/// </summary>
public sealed record CalendarFeedView(string Url, Guid? SymposiumId = null);

/// <summary>Issuing a therapist's feed, by the therapist or by an organizer.</summary>
internal static class TherapistFeeds
{
    /// <summary>A new feed token for the therapist: the old address stops working.</summary>
    public static async Task<Result<CalendarFeedView>> RotateAsync(BookingDb db, CalendarSessions sessions, Therapist therapist, CancellationToken ct)
    {
        var (token, hash) = SecretToken.Create();
        therapist.SetFeedToken(hash);
        await db.SaveChangesAsync(ct);
        return new CalendarFeedView(sessions.FeedUrl("therapists", token).AbsoluteUri, therapist.SymposiumId);
    }
}
