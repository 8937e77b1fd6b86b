using System.Diagnostics;
using Mediator;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Web.Infrastructure.Mediator;

/// <summary>
/// Logs each message's name, outcome code and duration. Never the message itself: it may hold a token,
/// a password or health data.
/// </summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var error = (response as IOutcome)?.Error;
        if (error is null)
        {
            LogHandled(logger, typeof(TMessage).Name, elapsed);
        }
        else
        {
            LogRefused(logger, typeof(TMessage).Name, error.Code, elapsed);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string message, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} refused with {Code} in {ElapsedMs:0.0} ms")]
    private static partial void LogRefused(ILogger logger, string message, string code, double elapsedMs);
}
