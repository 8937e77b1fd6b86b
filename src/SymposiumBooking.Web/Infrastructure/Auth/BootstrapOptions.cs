using SymposiumBooking.Web.Infrastructure.Settings;

namespace SymposiumBooking.Web.Infrastructure.Auth;

/// <summary>The first organizer, from configuration (<c>Bootstrap__OrganizerEmail</c>, <c>Bootstrap__OrganizerPassword</c>).</summary>
public sealed class BootstrapOptions
{
    public string? OrganizerEmail { get; set; }

    public string? OrganizerPassword { get; set; }

    /// <summary>Both or neither: one alone would be ignored without a word.</summary>
    public static IEnumerable<string?> Problems(BootstrapOptions o, SettingsContext context)
    {
        var email = !string.IsNullOrWhiteSpace(o.OrganizerEmail);
        var password = !string.IsNullOrEmpty(o.OrganizerPassword);
        yield return email && !password ? Setting.Problem("Bootstrap:OrganizerPassword", "is not set while Bootstrap:OrganizerEmail is: set both or neither") : null;
        yield return password && !email ? Setting.Problem("Bootstrap:OrganizerEmail", "is not set while Bootstrap:OrganizerPassword is: set both or neither") : null;
    }
}
