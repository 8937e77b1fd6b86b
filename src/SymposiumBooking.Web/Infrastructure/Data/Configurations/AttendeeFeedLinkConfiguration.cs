using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Bookings;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class AttendeeFeedLinkConfiguration : IEntityTypeConfiguration<AttendeeFeedLink>
{
    public void Configure(EntityTypeBuilder<AttendeeFeedLink> e)
    {
        e.ToTable("attendee_feed_links");
        e.HasKey(x => x.Id);
        e.Property(x => x.Email).HasMaxLength(320);
        e.Property(x => x.NormalizedEmail).HasMaxLength(320);
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => new { x.NormalizedEmail, x.CreatedAt }); // the per-address mail throttle
    }
}
