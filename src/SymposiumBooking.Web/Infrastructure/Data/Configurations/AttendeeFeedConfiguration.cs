using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Bookings;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class AttendeeFeedConfiguration : IEntityTypeConfiguration<AttendeeFeed>
{
    public void Configure(EntityTypeBuilder<AttendeeFeed> e)
    {
        e.ToTable("attendee_feeds");
        e.HasKey(x => x.NormalizedEmail);
        e.Property(x => x.NormalizedEmail).HasMaxLength(320);
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.HasIndex(x => x.TokenHash).IsUnique();
    }
}
