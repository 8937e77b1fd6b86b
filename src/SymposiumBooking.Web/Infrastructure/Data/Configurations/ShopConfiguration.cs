using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SymposiumBooking.Domain.Shop;
using SymposiumBooking.Domain.Symposia;

namespace SymposiumBooking.Web.Infrastructure.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    /// <summary>Stock never goes below zero: an order that would oversell fails its statement (409 <c>shop.sold_out</c>).</summary>
    public const string StockNotNegative = "ck_products_stock_not_negative";

    public void Configure(EntityTypeBuilder<Product> e)
    {
        e.ToTable("products", t => t.HasCheckConstraint(StockNotNegative, "stock >= 0"));
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Title).HasMaxLength(Product.MaxTitleLength);
        e.Property(x => x.Description).HasMaxLength(Product.MaxDescriptionLength);
        e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> e)
    {
        e.ToTable("orders");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Email).HasMaxLength(320);
        e.Property(x => x.NormalizedEmail).HasMaxLength(320);
        e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.Property(x => x.CheckoutSessionId).HasMaxLength(255);
        e.HasIndex(x => x.CheckoutSessionId).IsUnique();
        e.Property(x => x.CheckoutUrl).HasMaxLength(2048);
        e.Property(x => x.PaymentIntentId).HasMaxLength(255);
        e.HasIndex(x => x.PaymentIntentId);
        e.Property(x => x.Carrier).HasMaxLength(Order.MaxCarrierLength);
        e.Property(x => x.TrackingNumber).HasMaxLength(Order.MaxTrackingLength);
        e.Property(x => x.StripeRefundId).HasMaxLength(255);
        e.Property(x => x.Lines).HasColumnType("jsonb").HasConversion(ShopJson.LinesConverter, ShopJson.LinesComparer);
        e.Property(x => x.ShipTo).HasColumnType("jsonb").HasConversion(ShopJson.AddressConverter);
        e.Ignore(x => x.TotalCents);
        e.Ignore(x => x.Copies);
        e.Ignore(x => x.PaidTooLate);
        e.HasIndex(x => new { x.Status, x.HoldExpiresAt }); // the sweep of lapsed online orders
        e.HasIndex(x => new { x.SymposiumId, x.Status });
        e.HasOne<Symposium>().WithMany().HasForeignKey(x => x.SymposiumId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>An order's lines and shipping address as JSON (camelCase, as the API names them).</summary>
internal static class ShopJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static readonly ValueConverter<List<OrderLine>, string> LinesConverter = new(
        l => JsonSerializer.Serialize(l, Options), s => JsonSerializer.Deserialize<List<OrderLine>>(s, Options)!);

    public static readonly ValueComparer<List<OrderLine>> LinesComparer = new(
        (a, b) => a != null && b != null && a.SequenceEqual(b), l => l.Aggregate(0, (h, x) => HashCode.Combine(h, x)), l => l.ToList());

    public static readonly ValueConverter<ShippingAddress?, string?> AddressConverter = new(
        a => a == null ? null : JsonSerializer.Serialize(a, Options), s => s == null ? null : JsonSerializer.Deserialize<ShippingAddress>(s, Options));
}
