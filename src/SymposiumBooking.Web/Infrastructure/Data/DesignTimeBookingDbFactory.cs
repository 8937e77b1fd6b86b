using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SymposiumBooking.Web.Infrastructure.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database or app configuration.</summary>
internal sealed class DesignTimeBookingDbFactory : IDesignTimeDbContextFactory<BookingDb>
{
    public BookingDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<BookingDb>()
        .UseNpgsql("Host=127.0.0.1;Database=design_time", npgsql => npgsql.UseNodaTime())
        .UseSnakeCaseNamingConvention()
        // Migrations only need the model's shape; no intake is ever read or written with this throwaway key ring.
        .UseIntakeProtection(new EphemeralDataProtectionProvider())
        .Options);
}
