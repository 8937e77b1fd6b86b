namespace SymposiumBooking.Domain.Common;

public static class Email
{
    /// <summary>
    /// The form used to compare addresses (sign-in, one therapist per address): trimmed and lower-cased.
    /// Mailbox local parts are case-sensitive in theory, never in practice.
    /// </summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// The mailbox an address reaches, for counting per person (the reduced-rate cap, the waitlist's entries per
    /// address): <see cref="Normalize"/>d, then a <c>+tag</c> in the local part is dropped for every domain, and for
    /// <c>gmail.com</c> and <c>googlemail.com</c> (one mailbox service) the dots in the local part are dropped and the
    /// domain is <c>gmail.com</c>. It may join two addresses that are really two mailboxes (a domain where <c>+</c> is
    /// an ordinary character): that only makes a cap stricter. Never used to send mail or to decide whose data to show
    /// (docs/adr/0043-one-canonical-address-for-counting.md).
    /// </summary>
    public static string Canonical(string email)
    {
        var normalized = Normalize(email);
        var at = normalized.LastIndexOf('@');
        if (at <= 0 || at == normalized.Length - 1)
        {
            return normalized; // not an address: left as it is (validation refuses it elsewhere)
        }

        var local = normalized[..at];
        var domain = normalized[(at + 1)..];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            local = local[..plus];
        }

        if (domain is "gmail.com" or "googlemail.com")
        {
            domain = "gmail.com";
            var withoutDots = local.Replace(".", "", StringComparison.Ordinal);
            local = withoutDots.Length > 0 ? withoutDots : local;
        }

        return $"{local}@{domain}";
    }
}
