using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Editions;
using SymposiumBooking.Domain.Scheduling;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class SlotConfiguration : IEntityTypeConfiguration<Slot>
{
    /// <summary>The exclusion constraint (added by SQL in the migration) that keeps one therapist's slots apart.</summary>
    public const string NoOverlap = "ex_slots_therapist_no_overlap";

    public void Configure(EntityTypeBuilder<Slot> e)
    {
        // EF has no exclusion constraints: the Initial migration adds NoOverlap with SQL.
        e.ToTable("slots", t => t.HasCheckConstraint("ck_slots_times", "ends_at > starts_at"));
        e.HasKey(x => x.Id);
        e.Property(x => x.Location).HasMaxLength(200);
        e.HasIndex(x => new { x.EditionId, x.StartsAt });
        e.HasIndex(x => new { x.TherapistId, x.StartsAt });
        e.HasIndex(x => x.ShiftId);
        e.HasOne<SymposiumEdition>().WithMany().HasForeignKey(x => x.EditionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Shift>().WithMany().HasForeignKey(x => x.ShiftId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Therapist>().WithMany().HasForeignKey(x => x.TherapistId).OnDelete(DeleteBehavior.Restrict);
    }
}
