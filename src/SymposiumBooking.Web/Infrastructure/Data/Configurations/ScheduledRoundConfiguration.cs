using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Web.Infrastructure.Background;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class ScheduledRoundConfiguration : IEntityTypeConfiguration<ScheduledRound>
{
    public void Configure(EntityTypeBuilder<ScheduledRound> e)
    {
        e.ToTable("scheduled_rounds");
        e.HasKey(x => x.Job);
        e.Property(x => x.Job).HasMaxLength(64);
    }
}
