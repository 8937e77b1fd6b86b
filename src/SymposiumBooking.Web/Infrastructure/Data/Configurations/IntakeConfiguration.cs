using Microsoft.AspNetCore.DataProtection;
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

    /// <summary>
    /// <see cref="BookingIntake.Data"/> is health information: it is stored only encrypted with the app's Data
    /// Protection keys (docs/adr/0008). Called by <see cref="BookingDb"/>, which has the provider; assembly scanning
    /// can only create configurations without arguments.
    /// </summary>
    public static void EncryptData(ModelBuilder builder, IDataProtectionProvider protection) =>
        builder.Entity<BookingIntake>().Property(x => x.Data).HasConversion(IntakeProtection.Converter(protection));
}
