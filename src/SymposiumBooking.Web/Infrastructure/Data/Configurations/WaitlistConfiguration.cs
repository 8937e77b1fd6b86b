using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Domain.Waitlist;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class WaitlistConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public const string OneOfferPerSlot = "ux_waitlist_entries_one_offer_per_slot";

    public const string OneWaitingEntryPerRequest = "ux_waitlist_entries_one_waiting_per_request";

    public void Configure(EntityTypeBuilder<WaitlistEntry> e)
    {
        e.ToTable("waitlist_entries");
        e.HasKey(x => x.Id);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Email).HasMaxLength(320);
        e.Property(x => x.NormalizedEmail).HasMaxLength(320);
        e.Property(x => x.ClaimTokenHash).HasMaxLength(64);
        e.HasIndex(x => new { x.SymposiumId, x.Status, x.CreatedAt });
        // The columns most entries leave empty are indexed only where set (docs/adr/0176): a draw writes thousands of entries.
        e.HasIndex(x => x.ClaimTokenHash).IsUnique().HasFilter("claim_token_hash IS NOT NULL");
        e.Property(x => x.ConfirmTokenHash).HasMaxLength(64);
        e.HasIndex(x => x.ConfirmTokenHash).HasFilter("confirm_token_hash IS NOT NULL"); // shared by the entries one mail asks about together
        e.HasIndex(x => x.OfferedSlotId, "ix_waitlist_entries_offered_slot_id").HasFilter("offered_slot_id IS NOT NULL");
        e.HasIndex(x => x.TherapistId).HasFilter("therapist_id IS NOT NULL");
        // A freed slot is offered to one person at a time.
        e.HasIndex(x => x.OfferedSlotId, OneOfferPerSlot).HasDatabaseName(OneOfferPerSlot).IsUnique().HasFilter($"status = '{WaitlistStatus.Offered}'");
        // Joining twice for the same day and therapist keeps one entry; "any day" (null) equals "any day".
        e.HasIndex(x => new { x.SymposiumId, x.NormalizedEmail, x.Date, x.TherapistId }, OneWaitingEntryPerRequest)
            .HasDatabaseName(OneWaitingEntryPerRequest).IsUnique().AreNullsDistinct(false).HasFilter($"status = '{WaitlistStatus.Waiting}'");
        e.HasOne<Symposium>().WithMany().HasForeignKey(x => x.SymposiumId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Therapist>().WithMany().HasForeignKey(x => x.TherapistId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Slot>().WithMany().HasForeignKey(x => x.OfferedSlotId).OnDelete(DeleteBehavior.SetNull);
    }
}
