namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>Whether a request is for the JSON API (under <c>/api</c>), which answers with problem details, or for the pages.</summary>
public static class ApiPaths
{
    public static bool IsApi(HttpContext http) => IsApiPath(http.Request.Path);

    public static bool IsApiPath(PathString path) => path.StartsWithSegments("/api");
}
