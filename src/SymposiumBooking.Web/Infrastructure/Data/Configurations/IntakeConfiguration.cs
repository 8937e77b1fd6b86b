using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Bookings;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class IntakeConfiguration : IEntityTypeConfiguration<BookingIntake>
{
    public void Configure(EntityTypeBuilder<BookingIntake> e)
    {
        e.ToTable("booking_intakes");
        e.HasKey(x => x.BookingId);
        e.HasOne<Booking>().WithOne().HasForeignKey<BookingIntake>(x => x.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}
