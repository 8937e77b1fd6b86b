using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Background;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Infrastructure.Settings;
using SymposiumBooking.Web.Infrastructure.Telemetry;

namespace SymposiumBooking.Web.Infrastructure.Outbox;

public sealed class OutboxOptions
{
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// An attempt still open after this long belongs to a dispatcher that died mid-send; its outcome is unknown.
    /// Longer than any send can take (the SMTP timeout is per operation, 30 s by default).
    /// </summary>
    public TimeSpan AttemptLease { get; set; } = TimeSpan.FromMinutes(15);

    public static IEnumerable<string?> Problems(OutboxOptions o, SettingsContext context) =>
    [
        Setting.Positive("Outbox:PollInterval", o.PollInterval),
        Setting.AtLeast("Outbox:BatchSize", o.BatchSize, 1),
        Setting.Positive("Outbox:AttemptLease", o.AttemptLease),
    ];
}

/// <summary>
/// Sends what the outbox holds, each row at most once (docs/adr/0013-outbox-delivery-at-most-once.md). A row is
/// claimed with <c>FOR UPDATE SKIP LOCKED</c> and its attempt is committed before the mail leaves, so no other
/// dispatcher takes it meanwhile and a crash leaves a trace. A send that surely failed is retried with a growing
/// delay; one whose outcome is unknown (a broken connection after the whole message was written, or an attempt a
/// dead dispatcher left open) is held for a person, not resent. Every attempt carries the same Message-Id.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider time, BookingMetrics metrics, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled
        ? RepeatingRounds.RunAsync("Outbox", DispatchOnceAsync, options.Value.PollInterval, time, logger, stoppingToken)
        : Task.CompletedTask;

    /// <summary>Sends every due row once (at most <see cref="OutboxOptions.BatchSize"/>); returns how many were sent.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        if (scope.ServiceProvider.GetService<IMailSender>() is not { } sender)
        {
            return 0; // no transport configured (MailTransport): every row waits, unsent, nothing dropped
        }

        await HoldInterruptedAsync(db, ct);

        var sent = 0;
        for (var i = 0; i < options.Value.BatchSize; i++)
        {
            // One row per claim: a claimed row is always attempted, so stopping between rows leaves nothing half-done.
            if (await ClaimNextAsync(db, ct) is not { } message)
            {
                break;
            }

            var now = Now();
            try
            {
                var mail = await OutboxRenderers.For(scope.ServiceProvider, message.Type).RenderAsync(message.Type, message.Payload, ct);
                if (mail is not null)
                {
                    mail.MessageId = message.MessageId;
                    await sender.SendAsync(mail, ct);
                    metrics.MailSent(message.Type);
                }

                message.MarkSent(Now());
                sent++;
            }
            catch (MailOutcomeUnknownException e)
            {
                message.MarkOutcomeUnknown(now, e.GetType().Name);
                metrics.MailFailed(message.Type, held: true);
                LogOutcomeUnknown(logger, message.Id, message.Type, e);
            }
            catch (Exception e)
            {
                // Includes a stop during the send: the sender only lets it through when the message did not get out.
                message.MarkFailed(now, e.GetType().Name);
                metrics.MailFailed(message.Type, held: false);
                LogSendFailed(logger, message.Id, message.Type, e);
            }

            // Saved even when stopping: an attempt's outcome must not be lost.
            await db.SaveChangesAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
        }

        if (metrics.OutboxObserved)
        {
            metrics.OutboxSampled(await OutboxDepth.ReadAsync(db, ct)); // the gauges' reading, once a round (docs/adr/0101)
        }

        return sent;
    }

    /// <summary>Rows left mid-attempt by a dispatcher that died: their outcome is unknown, so they are held.</summary>
    private async Task HoldInterruptedAsync(BookingDb db, CancellationToken ct)
    {
        var now = Now();
        var startedBefore = now.Minus(Duration.FromTimeSpan(options.Value.AttemptLease));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var interrupted = await db.Outbox
            .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL AND outcome_unknown_at IS NULL AND attempt_started_at < {startedBefore} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        foreach (var message in interrupted)
        {
            message.MarkOutcomeUnknown(now, "attempt interrupted");
            LogInterrupted(logger, message.Id, message.Type);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Claims the oldest due row by recording its attempt, committed before the mail leaves.</summary>
    private async Task<OutboxMessage?> ClaimNextAsync(BookingDb db, CancellationToken ct)
    {
        var now = Now();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var message = await db.Outbox
            .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL AND outcome_unknown_at IS NULL AND attempt_started_at IS NULL AND next_attempt_at <= {now} ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct) is [var first, ..] ? first : null; // the SQL orders and limits; LINQ's First would warn it does not
        message?.BeginAttempt(now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return message;
    }

    private Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Type}) could not be sent; it will be retried")]
    private static partial void LogSendFailed(ILogger logger, Guid id, string type, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} ({Type}) may or may not have been delivered; it is held, not resent (an organizer may send it again: /organize/mail)")]
    private static partial void LogOutcomeUnknown(ILogger logger, Guid id, string type, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} ({Type}) was left mid-attempt by a dispatcher that stopped; it is held, not resent")]
    private static partial void LogInterrupted(ILogger logger, Guid id, string type);
}
