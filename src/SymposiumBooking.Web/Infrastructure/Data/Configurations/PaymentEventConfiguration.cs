using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Payments;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<ProcessedPaymentEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedPaymentEvent> e)
    {
        e.ToTable("processed_payment_events");
        e.HasKey(x => x.EventId);
        e.Property(x => x.EventId).HasMaxLength(255);
        e.Property(x => x.Type).HasMaxLength(100);
        e.HasIndex(x => x.BookingId);
    }
}
