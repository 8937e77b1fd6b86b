using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Payments;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class OnlinePaymentConfiguration : IEntityTypeConfiguration<OnlinePayment>
{
    public void Configure(EntityTypeBuilder<OnlinePayment> e)
    {
        e.ToTable("online_payments");
        e.HasKey(x => x.BookingId);
        e.Property(x => x.CheckoutSessionId).HasMaxLength(255);
        e.Property(x => x.CheckoutUrl).HasMaxLength(2048);
        e.Property(x => x.PaymentIntentId).HasMaxLength(255);
        e.HasIndex(x => x.CheckoutSessionId).IsUnique();
        e.HasIndex(x => x.PaymentIntentId).IsUnique().HasFilter("payment_intent_id IS NOT NULL");
        e.HasOne<Booking>().WithOne().HasForeignKey<OnlinePayment>(x => x.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}
