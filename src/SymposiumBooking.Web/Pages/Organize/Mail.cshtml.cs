using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Mail;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>Held and failed mails, each with "Send again" (docs/operations.md, "Mail").</summary>
public sealed class MailModel(ISender sender) : OrganizerPageModel(sender)
{
    public IReadOnlyList<UndeliveredMailView> Mails { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Mails = await Sender.Send(new ListUndeliveredMail(), ct);

    public async Task<IActionResult> OnPostSendAgainAsync(Guid mailId, CancellationToken ct)
    {
        var again = await Sender.Send(new SendMailAgain(mailId), ct);
        if (again.IsFailure)
        {
            Mails = await Sender.Send(new ListUndeliveredMail(), ct);
            return Refused(again.Error);
        }

        return Done("/organize/mail", $"{KindName(again.Value.Kind)} ({again.Value.MessageId}) goes out again at the next round.");
    }

    public static string Utc(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";

    public static string KindName(string kind) => kind switch
    {
        OutboxTypes.TherapistInvitation => "Therapist invitation",
        OutboxTypes.WaitlistOffer => "Waitlist offer",
        OutboxTypes.WaitlistConfirmation => "Waitlist confirmation",
        OutboxTypes.AttendeeFeedLink => "Calendar feed link",
        OutboxTypes.BookingConfirmed => "Booking confirmed",
        OutboxTypes.PaymentReceived => "Payment received",
        OutboxTypes.BookingRescheduled => "Booking moved",
        OutboxTypes.BookingCancelled => "Booking cancelled",
        OutboxTypes.BookingReminder => "Booking reminder",
        OutboxTypes.PaymentRefunded => "Payment refunded",
        _ => kind,
    };
}
