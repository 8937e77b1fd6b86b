namespace SymposiumBooking.Web.Infrastructure.Auth;

/// <summary>The first organizer, from configuration (<c>Bootstrap__OrganizerEmail</c>, <c>Bootstrap__OrganizerPassword</c>).</summary>
public sealed class BootstrapOptions
{
    public string? OrganizerEmail { get; set; }

    public string? OrganizerPassword { get; set; }
}
