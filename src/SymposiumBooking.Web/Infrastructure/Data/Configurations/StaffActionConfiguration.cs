using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Web.Infrastructure.Audit;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

/// <summary>
/// The staff action log. No foreign key to the staff account or the targets: the record of who did what outlives
/// both. Read newest first, for one symposium or booking (<c>target_ids @&gt; ARRAY[id]</c>, the GIN index).
/// </summary>
internal sealed class StaffActionConfiguration : IEntityTypeConfiguration<StaffAction>
{
    public void Configure(EntityTypeBuilder<StaffAction> e)
    {
        e.ToTable("staff_actions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Action).HasMaxLength(StaffAction.MaxActionLength);
        e.HasIndex(x => x.OccurredAt);
        e.HasIndex(x => x.TargetIds).HasMethod("gin");
    }
}
