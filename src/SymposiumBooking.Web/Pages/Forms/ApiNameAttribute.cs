namespace SymposiumBooking.Web.Pages.Forms;

/// <summary>
/// The request's JSON path for an input model property whose name differs from it (the form takes "25.00" as
/// <c>ReducedRate</c>, the request names <c>reducedRateCents</c>). Without it the camelCase property name is the path.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ApiNameAttribute(string path) : Attribute
{
    public string Path { get; } = path;
}
