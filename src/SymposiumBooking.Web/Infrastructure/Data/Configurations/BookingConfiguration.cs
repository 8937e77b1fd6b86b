using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    /// <summary>The partial unique index that makes a double booking impossible (docs/adr/0003).</summary>
    public const string OneActiveBookingPerSlot = "ux_bookings_one_active_per_slot";

    public void Configure(EntityTypeBuilder<Booking> e)
    {
        e.ToTable("bookings", t =>
        {
            t.HasCheckConstraint("ck_bookings_price", "price_cents >= 0");
            t.HasCheckConstraint("ck_bookings_hold", $"status <> '{BookingStatus.AwaitingPayment}' OR hold_expires_at IS NOT NULL");
        });
        e.HasKey(x => x.Id);
        e.Ignore(x => x.Events); // raised by a transition, handled once BookingWriter wrote it (docs/adr/0061)
        e.Ignore(x => x.ReadAs);
        e.Property(x => x.AttendeeName).HasMaxLength(200);
        e.Property(x => x.AttendeeEmail).HasMaxLength(320);
        e.Property(x => x.NormalizedEmail).HasMaxLength(320);
        e.Property(x => x.Phone).HasMaxLength(40);
        e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        e.Property(x => x.TokenHash).HasMaxLength(64);
        // Every change of a booking bumps its invite SEQUENCE, so EF's UPDATEs are conditional on the one read
        // (docs/adr/0051): a change made meanwhile makes SaveChanges throw DbUpdateConcurrencyException, never lost.
        e.Property(x => x.Sequence).IsConcurrencyToken();
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => new { x.SymposiumId, x.NormalizedEmail });
        e.HasIndex(x => x.HoldExpiresAt).HasFilter($"status = '{BookingStatus.AwaitingPayment}'");
        var holding = string.Join(", ", BookingStatuses.HoldingSlot.Select(s => $"'{s}'"));
        e.HasIndex(x => x.SlotId, "ix_bookings_slot_id");
        e.HasIndex(x => x.SlotId, OneActiveBookingPerSlot).HasDatabaseName(OneActiveBookingPerSlot).IsUnique().HasFilter($"status IN ({holding})");
        e.HasOne<Symposium>().WithMany().HasForeignKey(x => x.SymposiumId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Slot>().WithMany().HasForeignKey(x => x.SlotId).OnDelete(DeleteBehavior.Restrict);
    }
}
