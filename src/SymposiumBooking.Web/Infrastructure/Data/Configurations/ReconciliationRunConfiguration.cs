using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Editions;
using SymposiumBooking.Web.Features.Payments;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> e)
    {
        e.ToTable("reconciliation_runs");
        e.HasKey(x => x.EditionId);
        e.HasOne<SymposiumEdition>().WithOne().HasForeignKey<ReconciliationRun>(x => x.EditionId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Mismatches).HasColumnType("jsonb");
    }
}
