using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Waitlist;

/// <summary>
/// The person follows the link mailed when they joined and presses its button: the entry is confirmed and from now on
/// can receive offers. Until then it waits for nothing (docs/adr/0044-waitlist-entries-are-confirmed-by-mail.md).
/// Confirming again answers the same.
/// </summary>
public sealed record ConfirmWaitlistEntry(Guid EntryId, string? Token) : ICommand<Result<WaitlistEntryView>>;

internal sealed class ConfirmWaitlistEntryHandler(BookingDb db, IClock clock) : ICommandHandler<ConfirmWaitlistEntry, Result<WaitlistEntryView>>
{
    public async ValueTask<Result<WaitlistEntryView>> Handle(ConfirmWaitlistEntry command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.Token) || command.Token.Length > 100)
        {
            return WaitlistErrors.ConfirmLinkNotFound;
        }

        var entry = await db.WaitlistEntries.FirstOrDefaultAsync(w => w.Id == command.EntryId, cancellationToken);
        if (entry is null)
        {
            return WaitlistErrors.ConfirmLinkNotFound;
        }

        var confirmed = entry.Confirm(SecretToken.Hash(command.Token), clock.GetCurrentInstant());
        if (confirmed.IsFailure)
        {
            return confirmed.Error;
        }

        await db.SaveChangesAsync(cancellationToken);
        return WaitlistEntryView.From(entry);
    }
}
