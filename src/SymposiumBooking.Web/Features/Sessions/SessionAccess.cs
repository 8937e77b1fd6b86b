using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Sessions;

/// <summary>A booking as its therapist's session: the booking, its slot, the therapist and the symposium.</summary>
public sealed record SessionRecord(Booking Booking, Slot Slot, Therapist Therapist, Symposium Symposium);

public static class SessionAccess
{
    /// <summary>
    /// The session, when <paramref name="reader"/> may see it: organizers see every booking, a therapist only the
    /// bookings on their own slots. Otherwise null, so the caller answers 404 whether or not the booking exists.
    /// </summary>
    public static Task<SessionRecord?> FindSessionAsync(this BookingDb db, Guid bookingId, StaffReader reader, CancellationToken ct) =>
        (from b in db.Bookings
         join s in db.Slots on b.SlotId equals s.Id
         join t in db.Therapists on s.TherapistId equals t.Id
         join e in db.Symposia on b.SymposiumId equals e.Id
         where b.Id == bookingId && (reader.IsOrganizer || t.UserId == reader.UserId)
         select new SessionRecord(b, s, t, e))
        .FirstOrDefaultAsync(ct);
}
