using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace SymposiumBooking.Web.Features;

/// <summary>How the API writes dates, instants and enums (../shared/API.md conventions).</summary>
public static class ApiFormat
{
    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>An instant as ISO 8601 with the offset the venue's clocks show then.</summary>
    public static DateTimeOffset Local(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToDateTimeOffset();

    public static string Enum<T>(T value)
        where T : struct, System.Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
