using System.Globalization;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Web.Infrastructure.Errors;

/// <summary>The one place where a handler's typed <see cref="Error"/> becomes an HTTP answer.</summary>
public static class ProblemResults
{
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Rule => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// RFC 9457 problem details with the stable <c>code</c>, the fields at fault for input errors and the error's own
    /// <see cref="Error.Extensions"/>.
    /// </summary>
    public static IResult ToProblem(this Error error)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        foreach (var (name, value) in error.Extensions ?? new Dictionary<string, object?>())
        {
            extensions[name] = value;
        }

        var status = StatusOf(error.Kind);
        var problem = error.Fields is { } fields
            ? Results.ValidationProblem(fields, detail: error.Message, statusCode: status, extensions: extensions)
            : Results.Problem(detail: error.Message, statusCode: status, extensions: extensions);
        return error.RetryAfter is { } wait ? new WithRetryAfter(problem, wait) : problem;
    }

    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value) : result.Error.ToProblem();

    public static IResult ToHttp(this Result result, Func<IResult> onSuccess) =>
        result.IsSuccess ? onSuccess() : result.Error.ToProblem();

    private sealed class WithRetryAfter(IResult inner, TimeSpan wait) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
