using Microsoft.AspNetCore.Http.Features;

namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>
/// Refuses a body whose declared length is over the limit before anything reads it. Kestrel enforces the same
/// limit on bodies without a declared length (<c>MaxRequestBodySize</c>), which the exception handler turns into
/// the same 413 problem.
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next, long maxBytes)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        await next(context);
    }
}
