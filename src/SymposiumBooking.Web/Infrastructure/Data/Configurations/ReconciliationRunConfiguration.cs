using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Payments;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> e)
    {
        e.ToTable("reconciliation_runs");
        e.HasKey(x => x.SymposiumId);
        e.HasOne<Symposium>().WithOne().HasForeignKey<ReconciliationRun>(x => x.SymposiumId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Mismatches).HasColumnType("jsonb");
    }
}
