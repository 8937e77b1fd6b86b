using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Symposia;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class SymposiumConfiguration : IEntityTypeConfiguration<Symposium>
{
    public void Configure(EntityTypeBuilder<Symposium> e)
    {
        e.ToTable("symposia", t =>
        {
            t.HasCheckConstraint("ck_symposia_dates", "end_date >= start_date");
            t.HasCheckConstraint("ck_symposia_rates", "reduced_rate_cents >= 0 AND standard_rate_cents >= 0");
        });
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.Year).IsUnique();
        e.Property(x => x.City).HasMaxLength(200);
        e.Property(x => x.VenueName).HasMaxLength(200);
        e.Property(x => x.VenueAddress).HasMaxLength(500);
        e.Property(x => x.TimeZoneId).HasMaxLength(64);
        e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        e.Property(x => x.FeedTokenHash).HasMaxLength(64);
        e.HasIndex(x => x.FeedTokenHash).IsUnique();
        e.Ignore(x => x.Zone);
        e.OwnsOne(x => x.Policy, p =>
        {
            p.Property(x => x.BookingOpensAt).HasColumnName("booking_opens_at");
            p.Property(x => x.BookingClosesAt).HasColumnName("booking_closes_at");
            p.Property(x => x.ReducedRateLimitPerAttendee).HasColumnName("reduced_rate_limit_per_attendee");
            p.Property(x => x.HoldMinutes).HasColumnName("hold_minutes");
            p.Property(x => x.CancellationCutoffHours).HasColumnName("cancellation_cutoff_hours");
            p.Ignore(x => x.OpeningMode);
            p.OwnsOne(x => x.Draw, d =>
            {
                d.Property(x => x.RequestsOpenAt).HasColumnName("requests_open_at");
                d.Property(x => x.RequestsCloseAt).HasColumnName("requests_close_at");
                d.Property(x => x.MaxChoices).HasColumnName("max_choices");
            });
        });
    }
}
