using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime.Text;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Domain.Symposia;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class SymposiumDrawConfiguration : IEntityTypeConfiguration<SymposiumDraw>
{
    public void Configure(EntityTypeBuilder<SymposiumDraw> e)
    {
        e.ToTable("symposium_draws");
        e.HasKey(x => x.SymposiumId);
        e.Property(x => x.Commitment).HasMaxLength(64);
        e.Property(x => x.Seed).HasMaxLength(64);
        // Plain text, stored out of line and uncompressed (migration DrawPublishedAsText, docs/adr/0176): megabytes that are
        // written once and read whole, never queried inside; parsing them into jsonb and compressing them cost the draw more
        // than writing its bookings.
        e.Property(x => x.Published).HasColumnType("text");
        e.HasOne<Symposium>().WithOne().HasForeignKey<SymposiumDraw>(x => x.SymposiumId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DrawRequestConfiguration : IEntityTypeConfiguration<DrawRequest>
{
    /// <summary>One live request per person and symposium: a second one from the same address is refused (409 <c>requests.already_made</c>).</summary>
    public const string OnePerPerson = "ux_draw_requests_one_per_person";

    public void Configure(EntityTypeBuilder<DrawRequest> e)
    {
        e.ToTable("draw_requests");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Email).HasMaxLength(320);
        e.Property(x => x.NormalizedEmail).HasMaxLength(320);
        e.Property(x => x.Phone).HasMaxLength(40);
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.Property(x => x.Choices).HasColumnType("jsonb").HasConversion(ChoicesJson.Converter, ChoicesJson.Comparer);
        e.HasIndex(x => new { x.SymposiumId, x.NormalizedEmail }, OnePerPerson).HasDatabaseName(OnePerPerson).IsUnique()
            .HasFilter($"status <> '{DrawRequestStatus.Withdrawn}'");
        e.HasIndex(x => new { x.SymposiumId, x.Status });
        e.HasIndex(x => x.BookingId).HasFilter("booking_id IS NOT NULL"); // most requests never have one (docs/adr/0176)
        e.HasOne<Symposium>().WithMany().HasForeignKey(x => x.SymposiumId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.SetNull);
    }

    /// <summary>The request's intake is health information: encrypted like a booking's (docs/adr/0008).</summary>
    public static void EncryptIntake(ModelBuilder builder, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection) =>
        builder.Entity<DrawRequest>().Property(x => x.Intake).HasConversion(IntakeProtection.Converter(protection));
}

/// <summary>A request's ranked choices as JSON: <c>[{"slotId"}|{"date","time"}|{"date","therapistId"}]</c>, as the API names them.</summary>
internal static class ChoicesJson
{
    private sealed record Stored(Guid? SlotId, string? Date, string? Time, Guid? TherapistId);

    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(IReadOnlyList<RequestedChoice> choices) => JsonSerializer.Serialize(
        choices.Select(c => new Stored(
            c.SlotId, c.Date is { } d ? LocalDatePattern.Iso.Format(d) : null, c.Time is { } t ? Time.Format(t) : null, c.TherapistId)),
        Options);

    public static IReadOnlyList<RequestedChoice> Read(string json) =>
        [.. JsonSerializer.Deserialize<List<Stored>>(json, Options)!.Select(s => new RequestedChoice(
            s.SlotId,
            s.Date is null ? null : LocalDatePattern.Iso.Parse(s.Date).Value,
            s.Time is null ? null : Time.Parse(s.Time).Value,
            s.TherapistId))];

    public static readonly ValueConverter<IReadOnlyList<RequestedChoice>, string> Converter = new(c => Write(c), s => Read(s));

    public static readonly ValueComparer<IReadOnlyList<RequestedChoice>> Comparer = new(
        (a, b) => a != null && b != null && a.SequenceEqual(b), c => c.Aggregate(0, (h, x) => HashCode.Combine(h, x)), c => c.ToList());
}
