using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Infrastructure.Data;

/// <summary>
/// The service's one database. Handlers use it directly (docs/adr/0002-no-repository-layer.md). Its options must
/// include <see cref="IntakeProtection.UseIntakeProtection"/>: health intakes are encrypted (docs/adr/0008).
/// </summary>
public sealed class BookingDb(DbContextOptions<BookingDb> options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Symposium> Symposia => Set<Symposium>();

    public DbSet<Therapist> Therapists => Set<Therapist>();

    public DbSet<Shift> Shifts => Set<Shift>();

    public DbSet<Slot> Slots => Set<Slot>();

    public DbSet<Booking> Bookings => Set<Booking>();

    public DbSet<BookingIntake> Intakes => Set<BookingIntake>();

    public DbSet<IntakeRead> IntakeReads => Set<IntakeRead>();

    public DbSet<AttendeeFeed> AttendeeFeeds => Set<AttendeeFeed>();

    public DbSet<AttendeeFeedLink> AttendeeFeedLinks => Set<AttendeeFeedLink>();

    public DbSet<WaitlistEntry> WaitlistEntries => Set<WaitlistEntry>();

    public DbSet<ProcessedPaymentEvent> ProcessedPaymentEvents => Set<ProcessedPaymentEvent>();

    public DbSet<OnlinePayment> OnlinePayments => Set<OnlinePayment>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<TablePayment> TablePayments => Set<TablePayment>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StaffAction> StaffActions => Set<StaffAction>();

    public DbSet<SymposiumDraw> Draws => Set<SymposiumDraw>();

    public DbSet<DrawRequest> DrawRequests => Set<DrawRequest>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Order> Orders => Set<Order>();

    /// <summary>The staff action the running command will record with its write (docs/adr/0058); null between commands.</summary>
    internal PendingStaffAction? PendingStaffAction { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Identity names its tables AspNet*; keep the schema snake_case like the rest.
        builder.Entity<StaffUser>().ToTable("staff_users").Ignore(u => u.Status);
        builder.Entity<IdentityRole<Guid>>().ToTable("staff_roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("staff_user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("staff_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("staff_user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("staff_user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("staff_role_claims");
        builder.HasPostgresExtension("btree_gist");
        builder.ApplyConfigurationsFromAssembly(typeof(BookingDb).Assembly);
        IntakeConfiguration.EncryptData(builder, IntakeProtection.ProviderOf(this));
        DrawRequestConfiguration.EncryptIntake(builder, IntakeProtection.ProviderOf(this));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Statuses and kinds are stored as their names, readable in SQL and stable across reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
