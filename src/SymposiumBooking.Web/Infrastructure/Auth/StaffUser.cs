using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace SymposiumBooking.Web.Infrastructure.Auth;

/// <summary>A sign-in for organizers and therapists. Attendees have no account: they hold a booking token.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// When an organizer removed the account. The row stays so that the staff action log still names who did what
    /// (docs/adr/0125); a removed account has no password and cannot sign in. Inviting the address again restores it.
    /// </summary>
    public Instant? RemovedAt { get; set; }

    /// <summary>Invited (no password yet), active or removed: what the staff page shows.</summary>
    public StaffStatus Status => RemovedAt is not null ? StaffStatus.Removed : PasswordHash is null ? StaffStatus.Invited : StaffStatus.Active;
}

public enum StaffStatus
{
    Invited,
    Active,
    Removed,
}
