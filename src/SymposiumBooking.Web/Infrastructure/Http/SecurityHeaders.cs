namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>
/// Headers every answer carries. <c>Referrer-Policy: no-referrer</c> matters here: booking and claim links carry
/// secrets, and no other site may see them in a Referer. The API reference at /docs runs its own inline scripts,
/// so it alone goes without the content security policy.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        if (!context.Request.Path.StartsWithSegments("/docs"))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        return next(context);
    }
}
