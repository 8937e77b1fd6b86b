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

    /// <summary>
    /// NodaTime values in JSON as the rest of the API writes them: a date <c>2027-05-20</c>, a time <c>09:30</c>, an
    /// instant in ISO 8601 UTC. Without them System.Text.Json writes a date as an object of its calendar fields.
    /// </summary>
    public static IReadOnlyList<JsonConverter> JsonConverters { get; } = [new DateConverter(), new TimeConverter(), new InstantConverter()];

    /// <summary>A date as <c>YYYY-MM-DD</c>.</summary>
    public sealed class DateConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } text && LocalDatePattern.Iso.Parse(text) is { Success: true } date
                ? date.Value
                : throw new JsonException("Expected a date as YYYY-MM-DD.");

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Date(value));
    }

    private sealed class TimeConverter : JsonConverter<LocalTime>
    {
        public override LocalTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } text && Time.Parse(text) is { Success: true } time
                ? time.Value
                : throw new JsonException("Expected a time as HH:mm.");

        public override void Write(Utf8JsonWriter writer, LocalTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(TimeOfDay(value));
    }

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } text && InstantPattern.ExtendedIso.Parse(text) is { Success: true } instant
                ? instant.Value
                : throw new JsonException("Expected an instant as ISO 8601 UTC.");

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }
}
