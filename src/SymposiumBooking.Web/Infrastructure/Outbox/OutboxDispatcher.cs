using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Mail;

namespace SymposiumBooking.Web.Infrastructure.Outbox;

public sealed class OutboxOptions
{
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 20;
}

/// <summary>
/// Sends what the outbox holds. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so several app servers never
/// send the same row; a failed send is retried with a growing delay. A crash between sending and committing can
/// send a row twice; the mail and calendar issue makes delivery exactly-once.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e); // the database may be away; try again next round
            }

            await Task.Delay(options.Value.PollInterval, time, stoppingToken);
        }
    }

    /// <summary>Sends every due row once; returns how many were sent.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        var sender = scope.ServiceProvider.GetRequiredService<IMailSender>();
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Outbox
            .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL AND next_attempt_at <= {now} ORDER BY created_at LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            try
            {
                var mail = await RenderAsync(scope.ServiceProvider, message, ct);
                if (mail is not null)
                {
                    await sender.SendAsync(mail, ct);
                }

                message.MarkSent(now);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                message.MarkFailed(now, e.GetType().Name);
                LogSendFailed(logger, message.Id, message.Type, e);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return sent;
    }

    private static Task<MimeMessage?> RenderAsync(IServiceProvider services, OutboxMessage message, CancellationToken ct) => message.Type switch
    {
        OutboxTypes.TherapistInvitation => services.GetRequiredService<TherapistInvitationMail>().RenderAsync(message.Payload, ct),
        OutboxTypes.WaitlistOffer => services.GetRequiredService<WaitlistOfferMail>().RenderAsync(message.Payload, ct),
        _ => throw new InvalidOperationException($"No sender for outbox messages of type '{message.Type}'."),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox round failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Type}) could not be sent; it will be retried")]
    private static partial void LogSendFailed(ILogger logger, Guid id, string type, Exception exception);
}
