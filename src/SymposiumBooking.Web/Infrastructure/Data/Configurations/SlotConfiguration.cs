using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class SlotConfiguration : IEntityTypeConfiguration<Slot>
{
    /// <summary>The exclusion constraint (added by SQL in the migration) that keeps one therapist's slots apart.</summary>
    public const string NoOverlap = "ex_slots_therapist_no_overlap";

    /// <summary>
    /// Shadow property (column <c>held_until</c>): until when a booking holds the slot. NULL when none does, infinity for a
    /// confirmed, completed or no-show booking, the hold's expiry for an online booking awaiting payment; so the slot is
    /// taken at <c>now</c> exactly when <c>held_until &gt; now</c> (<see cref="Domain.Bookings.Booking.HoldsSlotAt"/>).
    /// Triggers on <c>bookings</c> keep it (added by SQL in the SlotHeldUntil migration); the app never writes it.
    /// Reads of "is this slot free" use it instead of probing <c>bookings</c> once per slot (docs/adr/0032).
    /// </summary>
    public const string HeldUntil = "HeldUntil";

    public void Configure(EntityTypeBuilder<Slot> e)
    {
        // EF has no exclusion constraints: the Initial migration adds NoOverlap with SQL.
        e.ToTable("slots", t => t.HasCheckConstraint("ck_slots_times", "ends_at > starts_at"));
        e.HasKey(x => x.Id);
        // Room on each page for the new version of a slot's row when a booking changes HeldUntil: the update then stays
        // on the page (HOT) and skips the five indexes, among them the exclusion constraint's GiST check (docs/adr/0032).
        e.HasStorageParameter("fillfactor", 80);
        e.Property(x => x.Location).HasMaxLength(200);
        var heldUntil = e.Property<Instant?>(HeldUntil).Metadata;
        heldUntil.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        heldUntil.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        e.HasIndex(x => new { x.SymposiumId, x.StartsAt });
        e.HasIndex(x => new { x.TherapistId, x.StartsAt });
        e.HasIndex(x => x.ShiftId);
        e.HasOne<Symposium>().WithMany().HasForeignKey(x => x.SymposiumId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Shift>().WithMany().HasForeignKey(x => x.ShiftId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Therapist>().WithMany().HasForeignKey(x => x.TherapistId).OnDelete(DeleteBehavior.Restrict);
    }
}
