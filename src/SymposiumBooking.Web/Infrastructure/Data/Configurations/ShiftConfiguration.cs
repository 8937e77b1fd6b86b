using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using NodaTime.Text;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class ShiftConfiguration : IEntityTypeConfiguration<Shift>
{
    public void Configure(EntityTypeBuilder<Shift> e)
    {
        e.ToTable("shifts", t =>
        {
            t.HasCheckConstraint("ck_shifts_times", "end_time > start_time");
            t.HasCheckConstraint("ck_shifts_minutes", "session_minutes > 0 AND buffer_minutes >= 0");
        });
        e.HasKey(x => x.Id);
        e.Property(x => x.Start).HasColumnName("start_time");
        e.Property(x => x.End).HasColumnName("end_time");
        e.Property(x => x.Location).HasMaxLength(200);
        e.Property(x => x.Breaks)
            .HasColumnType("jsonb")
            .HasConversion(
                breaks => BreaksJson.Write(breaks),
                json => BreaksJson.Read(json),
                new ValueComparer<List<ShiftBreak>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
                    v => v.ToList()));
        e.Ignore(x => x.Plan);
        e.HasIndex(x => new { x.TherapistId, x.Date });
        e.HasOne<Symposium>().WithMany().HasForeignKey(x => x.SymposiumId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Therapist>().WithMany().HasForeignKey(x => x.TherapistId).OnDelete(DeleteBehavior.Restrict);
    }

    /// <summary>Breaks as <c>[{"start":"12:00","end":"12:30"}]</c>: readable in SQL, free of serializer settings.</summary>
    private static class BreaksJson
    {
        private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

        public static string Write(List<ShiftBreak> breaks) =>
            JsonSerializer.Serialize(breaks.Select(b => new Dictionary<string, string>
            {
                ["start"] = Pattern.Format(b.Start),
                ["end"] = Pattern.Format(b.End),
            }));

        public static List<ShiftBreak> Read(string json) =>
            (JsonSerializer.Deserialize<List<Dictionary<string, string>>>(json) ?? [])
                .Select(d => new ShiftBreak(Pattern.Parse(d["start"]).Value, Pattern.Parse(d["end"]).Value))
                .ToList();
    }
}
