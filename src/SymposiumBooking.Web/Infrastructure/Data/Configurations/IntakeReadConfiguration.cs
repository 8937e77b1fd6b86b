using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Domain.Bookings;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

/// <summary>
/// The intake audit log. No foreign key to the staff account: the record of who read what outlives the account.
/// Rows are only ever inserted.
/// </summary>
internal sealed class IntakeReadConfiguration : IEntityTypeConfiguration<IntakeRead>
{
    public void Configure(EntityTypeBuilder<IntakeRead> e)
    {
        e.ToTable("intake_reads", t => t.HasCheckConstraint("ck_intake_reads_role", "role IN ('organizer', 'therapist')"));
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).UseIdentityAlwaysColumn();
        e.Property(x => x.Role).HasMaxLength(16);
        e.Property(x => x.RemoteIp).HasMaxLength(45);
        e.Property(x => x.UserAgent).HasMaxLength(IntakeRead.MaxUserAgentLength);
        e.HasIndex(x => new { x.BookingId, x.ReadAt });
        e.HasIndex(x => new { x.StaffUserId, x.ReadAt });
        e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
    }
}
