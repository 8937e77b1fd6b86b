using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Payments;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    /// <summary>One refund per booking: the second attempt to refund finds the first's row (docs/adr/0022).</summary>
    public const string OnePerBooking = "ux_refunds_booking_id";

    public void Configure(EntityTypeBuilder<Refund> e)
    {
        e.ToTable("refunds", t => t.HasCheckConstraint("ck_refunds_amount", "amount_cents > 0"));
        e.HasKey(x => x.Id);
        e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        e.Property(x => x.StripeRefundId).HasMaxLength(255);
        e.HasIndex(x => x.BookingId, OnePerBooking).HasDatabaseName(OnePerBooking).IsUnique();
        e.HasIndex(x => x.StripeRefundId).IsUnique().HasFilter("stripe_refund_id IS NOT NULL");
        e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
    }
}
