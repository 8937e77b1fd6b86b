using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Symposia;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>
/// The table of <see cref="ReconciliationRun"/>, which belongs to the payments feature (it stores that feature's report),
/// so its mapping lives here too; <c>BookingDb</c> picks up every configuration in the assembly.
/// </summary>
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
