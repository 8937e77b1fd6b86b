using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// Tells the attendee of a change (<see cref="InviteChanged"/>) by queuing the mail in the outbox, in the transaction
/// that wrote the change. An update or a cancellation goes only to an attendee who was sent an invite
/// (<see cref="BookingMails.InviteSentAsync"/>).
/// </summary>
internal sealed class MailBookingChanges(BookingMails mails) : IBookingEventHandler
{
    public async Task HandleAsync(BookingEvent bookingEvent, ManageToken? token, CancellationToken ct)
    {
        if (bookingEvent is not InviteChanged changed)
        {
            return;
        }

        switch (changed.Change)
        {
            case InviteChange.PaymentReceived:
                mails.Queue(OutboxTypes.PaymentReceived, changed, token);
                break;
            case InviteChange.LatePaymentRefunded:
                mails.Queue(OutboxTypes.PaymentRefunded, changed, null);
                break;
            case InviteChange.Moved when await mails.InviteSentAsync(changed.BookingId, ct):
                mails.Queue(OutboxTypes.BookingRescheduled, changed, token);
                break;
            case InviteChange.Cancelled when await mails.InviteSentAsync(changed.BookingId, ct):
                mails.Queue(OutboxTypes.BookingCancelled, changed, null); // a cancelled booking has nothing left to manage
                break;
        }
    }
}
