using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>
/// "I lost my link" (docs/adr/0136): an attendee asks for their bookings' links by email address. The answer is always
/// the same, and so is the work done here: a mail is queued for the address, and only when it is sent does it look
/// for the address's active bookings (<see cref="LostLinkMail"/>), so whether an address has bookings shows neither in
/// the answer nor in its timing. Nobody's links change until the mailbox's owner opens one (<see cref="OpenRecoveredBooking"/>).
/// At most <see cref="MailsPerAddressPerHour"/> mails per address per hour; more requests are answered the same and dropped.
/// </summary>
public sealed record RequestLostLink(string? Email) : ICommand<Result<LostLinkAnswer>>;

public sealed record LostLinkAnswer(string Message)
{
    public static readonly LostLinkAnswer Always = new(
        "If there are bookings with this email address, we have sent it a mail with a link to them. The link works for 30 minutes.");
}

public sealed class RequestLostLinkValidator : AbstractValidator<RequestLostLink>
{
    public RequestLostLinkValidator() =>
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your email address.").MaximumLength(320)
            .EmailAddress().WithMessage("Enter an email address like name@example.com.").SingleLine();
}

internal sealed class RequestLostLinkHandler(BookingDb db, IClock clock) : ICommandHandler<RequestLostLink, Result<LostLinkAnswer>>
{
    public const int MailsPerAddressPerHour = 3;

    public async ValueTask<Result<LostLinkAnswer>> Handle(RequestLostLink command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var email = command.Email!.Trim();
        var key = Email.Normalize(email);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // One request per address at a time, so that the count below cannot be passed by requests racing each other.
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"lost-link:" + key}, 0))", cancellationToken);
        var since = now - Duration.FromHours(1);
        var recent = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM outbox_messages
            WHERE type = {OutboxTypes.LostLink} AND created_at > {since} AND payload->>'key' = {key}
            """).SingleAsync(cancellationToken);
        if (recent < MailsPerAddressPerHour)
        {
            db.Outbox.Add(OutboxMessage.Create(OutboxTypes.LostLink, JsonSerializer.Serialize(new LostLinkPayload(email, key), BookingMailPayload.Json), now));
            await db.SaveChangesAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return LostLinkAnswer.Always;
    }
}

/// <summary>A lost-link mail's outbox row: the address as typed, and as compared (<see cref="Email.Normalize"/>).</summary>
public sealed record LostLinkPayload(string Email, string Key);
