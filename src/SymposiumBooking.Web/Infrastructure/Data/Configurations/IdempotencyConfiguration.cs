using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Web.Infrastructure.Idempotency;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class IdempotencyConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.ToTable("idempotency_records");
        e.HasKey(x => new { x.Scope, x.Key });
        e.Property(x => x.Scope).HasMaxLength(64);
        e.Property(x => x.Key).HasMaxLength(IdempotentWrites.MaxKeyLength);
        e.Property(x => x.RequestHash).HasMaxLength(64);
        e.HasIndex(x => x.CreatedAt);
    }
}
