using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// The "I lost my link" recovery link (docs/adr/0136): an email address and an expiry, encrypted and signed with Data
/// Protection for this one purpose, checked against the app's clock. Nothing is stored: the link is made when its mail
/// is sent and proves only that its holder reads that mailbox, for <see cref="Lifetime"/>.
/// </summary>
public sealed class RecoveryLinks(IDataProtectionProvider protection, IClock clock)
{
    public const string Purpose = "SymposiumBooking.LostLink.Recovery.v1";

    /// <summary>How long a mailed recovery link opens the address's bookings.</summary>
    public static readonly Duration Lifetime = Duration.FromMinutes(30);

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public string Issue(string email) =>
        _protector.Protect(JsonSerializer.Serialize(new Claim(email, (clock.GetCurrentInstant() + Lifetime).ToUnixTimeMilliseconds())));

    /// <summary>The address a recovery token was made for, or null when it is not one of ours or has expired.</summary>
    public string? EmailOf(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var claim = JsonSerializer.Deserialize<Claim>(_protector.Unprotect(token));
            return claim is { Email.Length: > 0 } && Instant.FromUnixTimeMilliseconds(claim.ExpiresAt) > clock.GetCurrentInstant() ? claim.Email : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private sealed record Claim(string Email, long ExpiresAt);
}

/// <summary>An active booking as the recovery page lists it.</summary>
public sealed record RecoverableBooking(Guid Id, string Symposium, string Therapist, LocalDateTime StartsAt, BookingStatus Status);

/// <summary>The active bookings made with one email address: what a recovery link may open.</summary>
public static class RecoverableBookings
{
    /// <summary>
    /// The bookings whose address is <paramref name="email"/> (trimmed, case aside: the address itself, not its
    /// canonical mailbox, docs/adr/0043), active and keeping their slot, earliest first.
    /// </summary>
    public static async Task<IReadOnlyList<BookedSlot>> ForAsync(BookingDb db, string email, Instant now, CancellationToken ct)
    {
        var canonical = Email.Canonical(email); // narrows the search in SQL; the exact address decides
        var normalized = Email.Normalize(email);
        var rows = await (
                from b in db.Bookings
                where b.NormalizedEmail == canonical && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.AwaitingPayment)
                join s in db.Slots on b.SlotId equals s.Id
                join t in db.Therapists on s.TherapistId equals t.Id
                join e in db.Symposia on b.SymposiumId equals e.Id
                orderby s.StartsAt
                select new { b, s, t.Name, e })
            .ToListAsync(ct);
        return [.. rows
            .Where(r => Email.Normalize(r.b.AttendeeEmail) == normalized && r.b.HoldsSlotAt(now) && r.s.EndsAt > now)
            .Select(r => new BookedSlot(r.b, r.s, r.Name, r.e))];
    }

    public static RecoverableBooking View(BookedSlot b) => new(
        b.Booking.Id, $"{b.Symposium.Year} · {b.Symposium.City}", b.TherapistName, b.Slot.StartsAt.InZone(b.Symposium.Zone).LocalDateTime, b.Booking.Status);
}
