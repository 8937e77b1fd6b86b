using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Mail;

/// <summary>
/// An organizer sends a held or failed mail again (POST /api/v1/mail/{id}/send-again, /organize/mail): the
/// dispatcher takes it at its next round, with the same Message-Id. For a held mail this is the person's decision
/// that it was not delivered (docs/adr/0013, 0098); the rule is <see cref="OutboxMessage.SendAgain"/>.
/// </summary>
public sealed record SendMailAgain(Guid Id) : ICommand<Result<UndeliveredMailView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [Id];
}

internal sealed class SendMailAgainHandler(BookingDb db, IClock clock) : ICommandHandler<SendMailAgain, Result<UndeliveredMailView>>
{
    public async ValueTask<Result<UndeliveredMailView>> Handle(SendMailAgain command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked, so a dispatcher claiming it right now either has it already (Sending) or waits until this commits.
        var message = await db.Outbox
            .FromSql($"SELECT * FROM outbox_messages WHERE id = {command.Id} FOR UPDATE")
            .ToListAsync(cancellationToken) is [var found] ? found : null;
        if (message is null)
        {
            return OutboxErrors.NotFound;
        }

        var again = message.SendAgain(clock.GetCurrentInstant());
        if (again.IsFailure)
        {
            return again.Error;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return UndeliveredMailView.From(message);
    }
}
