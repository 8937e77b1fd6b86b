using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Infrastructure.Errors;

/// <summary>
/// Turns every exception into problem details. Malformed requests (bad JSON, wrong types, oversized bodies)
/// keep their 4xx status; anything else is a 500 that says nothing about the code: the stack trace goes to
/// the log with the trace id, never to the client.
/// </summary>
public sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "request.too_large", "The request body is too large."),
            BadHttpRequestException bad =>
                (bad.StatusCode, "request.malformed", "The request could not be read: check the JSON and its field types."),
            _ when IsDatabaseOutage(exception) =>
                (StatusCodes.Status503ServiceUnavailable, "server.unavailable", "The service is briefly unavailable. Please try again in a minute."),
            _ => (StatusCodes.Status500InternalServerError, "server.error", "Something went wrong on our side. Please try again."),
        };

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "30";
        }

        if (status >= 500)
        {
            LogUnhandled(logger, exception, Activity.Current?.Id ?? httpContext.TraceIdentifier);
        }

        // The middleware has already pointed the request at /error: ask where it was going.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        if (!ApiPaths.IsApiPath(path is null ? httpContext.Request.Path : new PathString(path)))
        {
            return false; // pages re-execute /error, which shows a page instead of JSON
        }

        // Written as JSON whatever the client accepts: an error is never text/csv or HTML on the API.
        await Results.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code })
            .ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>PostgreSQL unreachable or restarting: the client should retry, the request itself was fine.</summary>
    private static bool IsDatabaseOutage(Exception exception) =>
        exception is NpgsqlException { IsTransient: true } || exception.InnerException is NpgsqlException { IsTransient: true };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string traceId);
}
