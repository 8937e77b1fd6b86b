using NodaTime;

namespace SymposiumBooking.Domain.Bookings;

/// <summary>Where intake data was shown: the API, a page, or the printed day sheet.</summary>
public enum IntakeSurface
{
    /// <summary>GET /api/v1/bookings/{id}/intake: the full intake.</summary>
    IntakeApi,

    /// <summary>GET /api/v1/me/sessions/{id}: the full intake.</summary>
    SessionApi,

    /// <summary>The session page: the full intake.</summary>
    SessionPage,

    /// <summary>GET /api/v1/me/schedule (or an organizer's view of a therapist's day): flags only.</summary>
    ScheduleApi,

    /// <summary>The My day page: flags only.</summary>
    SchedulePage,

    /// <summary>The printable day sheet: flags only.</summary>
    DaySheet,
}

/// <summary>
/// One read of a booking's intake (in full, or its flags): who, when, which booking, from where, on which surface.
/// Written in the same transaction as the read, so no intake is shown without its row. It never holds intake content.
/// </summary>
public sealed class IntakeRead
{
    public const int MaxUserAgentLength = 200;

    private IntakeRead()
    {
    }

    /// <summary>Given by the database, in insertion order.</summary>
    public long Id { get; private set; }

    public Guid BookingId { get; private set; }

    public Guid StaffUserId { get; private set; }

    /// <summary>The role the reader acted in: <c>organizer</c> or <c>therapist</c>.</summary>
    public string Role { get; private set; } = "";

    public IntakeSurface Surface { get; private set; }

    public Instant ReadAt { get; private set; }

    public string? RemoteIp { get; private set; }

    public string? UserAgent { get; private set; }

    public static IntakeRead Create(Guid bookingId, Guid staffUserId, string role, IntakeSurface surface, Instant now, string? remoteIp, string? userAgent) => new()
    {
        BookingId = bookingId,
        StaffUserId = staffUserId,
        Role = role,
        Surface = surface,
        ReadAt = now,
        RemoteIp = remoteIp,
        UserAgent = userAgent is { Length: > MaxUserAgentLength } ua ? ua[..MaxUserAgentLength] : userAgent,
    };
}
