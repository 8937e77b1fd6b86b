namespace SymposiumBooking.Web.Infrastructure.Mail;

/// <summary>
/// The mail server had the whole message when the conversation broke, so it may have accepted it. Resending could
/// deliver it twice; the outbox holds such a row for a person instead (docs/adr/0013-outbox-delivery-at-most-once.md).
/// </summary>
public sealed class MailOutcomeUnknownException : Exception
{
    public MailOutcomeUnknownException()
    {
    }

    public MailOutcomeUnknownException(string message)
        : base(message)
    {
    }

    public MailOutcomeUnknownException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
