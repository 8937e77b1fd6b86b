using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("outbox_messages");
        e.HasKey(x => x.Id);
        e.Property(x => x.Type).HasMaxLength(100);
        e.Property(x => x.Payload).HasColumnType("jsonb");
        e.HasIndex(x => x.NextAttemptAt).HasFilter("sent_at IS NULL");
        e.Ignore(x => x.MessageId);
    }
}
