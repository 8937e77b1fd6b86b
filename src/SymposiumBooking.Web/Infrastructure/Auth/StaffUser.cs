using Microsoft.AspNetCore.Identity;

namespace SymposiumBooking.Web.Infrastructure.Auth;

/// <summary>A sign-in for organizers and therapists. Attendees have no account: they hold a booking token.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
}
