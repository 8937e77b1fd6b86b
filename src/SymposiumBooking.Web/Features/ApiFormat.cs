using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace SymposiumBooking.Web.Features;

/// <summary>How the API reads and writes dates, local times, instants and enums (docs/attendees.md).</summary>
public static class ApiFormat
{
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly LocalDateTimePattern LocalMinutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
    private static readonly LocalDateTimePattern LocalSeconds = LocalDateTimePattern.GeneralIso;

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>Every date from <paramref name="first"/> to <paramref name="last"/>, both included (a symposium's days).</summary>
    public static IReadOnlyList<string> Dates(LocalDate first, LocalDate last)
    {
        var days = new List<string>();
        for (var d = first; d <= last; d = d.PlusDays(1))
        {
            days.Add(Date(d));
        }

        return days;
    }

    public static string TimeOfDay(LocalTime time) => Time.Format(time);

    /// <summary>An instant as ISO 8601 with the offset the venue's clocks show then.</summary>
    public static DateTimeOffset Local(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToDateTimeOffset();

    public static string Enum<T>(T value)
        where T : struct, System.Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static bool IsDate(string? text) => text is not null && LocalDatePattern.Iso.Parse(text).Success;

    public static LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).Value;

    public static bool IsTime(string? text) => text is not null && Time.Parse(text).Success;

    public static LocalTime ParseTime(string text) => Time.Parse(text).Value;

    /// <summary>An ISO instant with an offset, or a local <c>YYYY-MM-DDTHH:mm</c> read in the symposium's zone.</summary>
    public static bool IsInstant(string? text) => text is not null && ParseInstant(text, DateTimeZone.Utc) is not null;

    public static Instant? ParseInstant(string text, DateTimeZone zone)
    {
        if (OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } withOffset)
        {
            return withOffset.Value.ToInstant();
        }

        var local = LocalMinutes.Parse(text) is { Success: true } minutes ? minutes : LocalSeconds.Parse(text);
        return local.Success ? local.Value.InZoneLeniently(zone).ToInstant() : null;
    }

    /// <summary>A date in JSON as <c>YYYY-MM-DD</c>.</summary>
    public static JsonConverter<LocalDate> DateJson { get; } = new PatternConverter<LocalDate>(LocalDatePattern.Iso, "a date as YYYY-MM-DD");

    /// <summary>
    /// NodaTime values in JSON as the rest of the API writes them: a date <c>2027-05-20</c>, a time <c>09:30</c>, an
    /// instant in ISO 8601 UTC. Without them System.Text.Json writes a date as an object of its calendar fields.
    /// </summary>
    public static IReadOnlyList<JsonConverter> JsonConverters { get; } =
    [
        DateJson,
        new PatternConverter<LocalTime>(Time, "a time as HH:mm"),
        new PatternConverter<Instant>(InstantPattern.ExtendedIso, "an instant as ISO 8601 UTC"),
    ];

    private sealed class PatternConverter<T>(IPattern<T> pattern, string expected) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && pattern.Parse(reader.GetString()!) is { Success: true } parsed
                ? parsed.Value
                : throw new JsonException($"Expected {expected}.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(pattern.Format(value));
    }
}
