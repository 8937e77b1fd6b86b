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
/// Confirming again answers the same. Entries mailed about together (the draw's, one per day) are confirmed together.
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

        var hash = SecretToken.Hash(command.Token);
        var now = clock.GetCurrentInstant();
        var confirmed = entry.Confirm(hash, now);
        if (confirmed.IsFailure)
        {
            return confirmed.Error;
        }

        // The entries its mail asked about together (the draw's, one per day) carry the same link's hash.
        var together = await db.WaitlistEntries
            .Where(w => w.SymposiumId == entry.SymposiumId && w.NormalizedEmail == entry.NormalizedEmail && w.ConfirmTokenHash == hash && w.Id != entry.Id)
            .ToListAsync(cancellationToken);
        together.ForEach(w => w.Confirm(hash, now));

        await db.SaveChangesAsync(cancellationToken);
        return WaitlistEntryView.From(entry);
    }
}
