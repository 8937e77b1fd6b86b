using Mediator;
using Microsoft.Extensions.Options;
using SymposiumBooking.Web.Infrastructure.Background;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>
/// The retention timer: sends <see cref="ApplyRetention"/> every <see cref="RetentionOptions.Interval"/>
/// (docs/retention.md). A pass that finds nothing due writes nothing, so several app servers may run it at once.
/// </summary>
public sealed class RetentionWorker(
    IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled
        ? RepeatingRounds.RunAsync("Retention", RunOnceAsync, options.Value.Interval, time, logger, stoppingToken)
        : Task.CompletedTask;

    public async Task<RetentionReport> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ApplyRetention(), ct);
    }
}
