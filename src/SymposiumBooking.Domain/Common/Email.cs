namespace SymposiumBooking.Domain.Common;

public static class Email
{
    /// <summary>
    /// The form used to compare addresses (per-attendee limits, sign-in): trimmed and lower-cased.
    /// Mailbox local parts are case-sensitive in theory, never in practice.
    /// </summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
