namespace SymposiumBooking.Web.Infrastructure.Background;

/// <summary>
/// The loop of the app's background workers: one round every interval until the host stops. A failed round (the
/// database may be away) is logged and the next round tries again; the worker never dies of it.
/// </summary>
public static partial class RepeatingRounds
{
    public static async Task RunAsync(
        string worker, Func<CancellationToken, Task> round, TimeSpan interval, TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await round(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, worker, e);
            }

            await Task.Delay(interval, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker} round failed; the next round tries again")]
    private static partial void LogFailed(ILogger logger, string worker, Exception exception);
}
