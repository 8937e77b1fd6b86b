using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Sessions;
using SymposiumBooking.Web.Pages.Organize;

namespace SymposiumBooking.Web.Pages.MyDay;

/// <summary>Addresses and words the therapist pages share.</summary>
public static class DayPages
{
    public const string Root = "/my-day";

    /// <summary>The day page (or sheet) for a date; <paramref name="therapistId"/> only when an organizer looks at someone's day.</summary>
    public static string DayUrl(string? date, Guid? therapistId, string page = Root)
    {
        var query = new List<string>();
        if (date is not null)
        {
            query.Add($"date={date}");
        }

        if (therapistId is { } id)
        {
            query.Add($"therapistId={id}");
        }

        return query.Count == 0 ? page : $"{page}?{string.Join('&', query)}";
    }

    public static string SheetUrl(string? date, Guid? therapistId) => DayUrl(date, therapistId, Root + "/sheet");

    public static string SessionUrl(Guid bookingId) => $"{Root}/sessions/{bookingId}";

    public static string Status(BookingStatus status) => BookingsModel.Status(ApiFormat.Enum(status));

    public static string StatusClass(BookingStatus status) => "status status-" + ApiFormat.Enum(status);

    /// <summary>
    /// The name as the printed sheet shows it: first name and last initial ("Jordan L."). The sheet lies on a table in
    /// a public hall; that is enough for the therapist to greet the right person.
    /// </summary>
    public static string ShortName(string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length <= 1 ? fullName.Trim() : $"{parts[0]} {char.ToUpperInvariant(parts[^1][0])}.";
    }

    public static string EntryLabel(DayEntry entry) => entry.Kind switch
    {
        "free" => "Free slot",
        "break" => "Break",
        "gap" => "Between shifts",
        _ => "Session",
    };
}
