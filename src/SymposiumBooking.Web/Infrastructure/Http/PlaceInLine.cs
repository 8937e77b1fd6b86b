using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>
/// An attendee's place in the booking line (docs/adr/0039): the moment of their first try. A booking refused because
/// its slot was just taken answers with a ticket naming that moment (header <see cref="Header"/> on the API, cookie
/// <see cref="Cookie"/> on the booking page; the booking feature decides when, <c>KeepPlaceInLine</c>); the next try
/// that brings it back waits in <see cref="BookingLine"/> as if it had arrived then, ahead of everyone who came later.
/// Without a ticket, a request's place is its arrival.
/// <para>
/// A ticket is the place, signed with HMAC-SHA256, and it lapses <see cref="Lifetime"/> after the place: it cannot be
/// forged, moved earlier or kept longer (a chain of refusals keeps the first try's place for two minutes at most). The
/// signing key is derived from the key-encryption key (<see cref="KeyEncryptionKey.Derive"/>, docs/adr/0111), so a
/// ticket one replica issued counts on every other, and across a restart. It says nothing about who holds it, so it
/// leaks nothing; at worst it is handed on, and whoever uses it gets the place of someone who first tried in the last
/// two minutes.
/// </para>
/// </summary>
public sealed class PlaceInLine(TimeProvider time, KeyEncryptionKey keys)
{
    public const string Header = "Place-In-Line";
    public const string Cookie = "place_in_line";

    /// <summary>
    /// How long after their first try an attendee keeps their place: time to read the nearest free times and pick one,
    /// more than once; a rush is over in seconds.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private const int Signed = 8;
    private const int TicketLength = 32; // base64url of the 24 bytes: no padding
    private const int MacLength = 16;
    /// <summary>The label of the signing key's derivation: a new one makes every ticket issued before it void.</summary>
    private const string KeyPurpose = "SymposiumBooking.PlaceInLine.v1";

    private readonly byte[] _key = keys.Derive(KeyPurpose, 32);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>A ticket for <paramref name="place"/>, valid until <see cref="Lifetime"/> after it.</summary>
    public string Issue(DateTimeOffset place)
    {
        Span<byte> ticket = stackalloc byte[Signed + MacLength];
        BinaryPrimitives.WriteInt64BigEndian(ticket, place.ToUnixTimeMilliseconds());
        Sign(ticket[..Signed], ticket[Signed..]);
        return Base64Url.EncodeToString(ticket);
    }

    /// <summary>The place a ticket names, or null when it is missing, malformed, tampered with or lapsed.</summary>
    public DateTimeOffset? Read(string? ticket)
    {
        Span<byte> bytes = stackalloc byte[Signed + MacLength];
        if (ticket is not { Length: TicketLength }
            || !Base64Url.TryDecodeFromChars(ticket, bytes, out var written)
            || written != bytes.Length)
        {
            return null;
        }

        Span<byte> mac = stackalloc byte[MacLength];
        Sign(bytes[..Signed], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, bytes[Signed..]))
        {
            return null;
        }

        var place = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes));
        var now = Now;
        return place <= now && now < place + Lifetime ? place : null;
    }

    /// <summary>The cookie that carries a ticket on the pages: the whole site, script-proof, same-site only.</summary>
    public static CookieOptions TicketCookie(HttpContext http) =>
        new() { HttpOnly = true, Secure = SecureCookies.Of(http), SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true };

    /// <summary>The ticket cookie's name: <c>__Host-</c>-prefixed when cookies are Secure (<see cref="SecureCookies"/>).</summary>
    public static string CookieName(HttpContext http) => SecureCookies.Of(http) ? SecureCookies.HostPrefix + Cookie : Cookie;

    /// <summary>This booking request's place, as <see cref="BookingLine"/> gave it; null for any other request.</summary>
    public static DateTimeOffset? Of(HttpContext http) => http.Features.Get<Place>()?.At;

    /// <summary>
    /// The place of <paramref name="http"/>: the one it was already given, else its ticket's (API header first, then
    /// the page's cookie), else now.
    /// </summary>
    internal DateTimeOffset Take(HttpContext http)
    {
        if (http.Features.Get<Place>() is { } given)
        {
            return given.At;
        }

        var headers = http.Request.Headers;
        var at = Read(headers[Header].ToString()) ?? (headers.Cookie.Count > 0 ? Read(http.Request.Cookies[CookieName(http)]) : null) ?? Now;
        http.Features.Set(new Place(at));
        return at;
    }

    private void Sign(ReadOnlySpan<byte> data, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, data, full);
        full[..MacLength].CopyTo(mac);
    }

    private sealed record Place(DateTimeOffset At);
}
