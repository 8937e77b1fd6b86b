using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Domain.Symposia;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class TablePaymentConfiguration : IEntityTypeConfiguration<TablePayment>
{
    /// <summary>A booking's ledger starts once: a second "paid" for the same booking is refused.</summary>
    public const string OneFirstEntryPerBooking = "ux_table_payments_first_per_booking";

    /// <summary>An entry is corrected at most once: two corrections of the same entry cannot both be written.</summary>
    public const string ReplacedOnce = "ux_table_payments_replaces";

    public void Configure(EntityTypeBuilder<TablePayment> e)
    {
        e.ToTable("table_payments", t => t.HasCheckConstraint("ck_table_payments_amount", "amount_cents >= 0"));
        e.HasKey(x => x.Id);
        e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        e.Property(x => x.Note).HasMaxLength(TablePayment.MaxNoteLength);
        e.HasIndex(x => x.BookingId, OneFirstEntryPerBooking).HasDatabaseName(OneFirstEntryPerBooking).IsUnique().HasFilter("replaces IS NULL");
        e.HasIndex(x => x.Replaces, ReplacedOnce).HasDatabaseName(ReplacedOnce).IsUnique();
        e.HasIndex(x => x.BookingId, "ix_table_payments_booking_id");
        e.HasIndex(x => x.SymposiumId);
        e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Symposium>().WithMany().HasForeignKey(x => x.SymposiumId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<TablePayment>().WithMany().HasForeignKey(x => x.Replaces).OnDelete(DeleteBehavior.Restrict);
    }
}
