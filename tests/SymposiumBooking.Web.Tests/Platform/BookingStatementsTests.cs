using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// The booking's hand-written write (docs/adr/0030, docs/adr/0037) and EF Core's model describe the same tables: a
/// column added to an entity but not to its INSERT would silently be left at its default for every booking.
/// </summary>
public sealed partial class BookingStatementsTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static readonly Instant Now = Instant.FromUtc(2030, 5, 1, 9, 0);

    public static TheoryData<string> Tables() => ["bookings", "booking_intakes", "outbox_messages"];

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Each_insert_names_every_column_the_model_maps_for_its_table(string table)
    {
        await using var db = app.OpenDb();
        var entity = db.Model.GetEntityTypes().Single(e => e.GetTableName() == table);
        var mapped = entity.GetProperties().Select(p => p.GetColumnName(StoreObjectIdentifier.Table(table, null))!).Order().ToArray();

        var insert = Inserts(Write()).Single(i => i.Table == table);

        Assert.Equal(mapped, insert.Columns.Order().ToArray());
        Assert.Equal(insert.Columns.Length, insert.Values);
    }

    [Fact]
    public void The_write_binds_every_parameter_it_sends_and_no_other()
    {
        var write = Write();

        var used = Parameter().Matches(write.CommandText).Select(m => int.Parse(m.Groups["n"].Value)).Distinct().Order();

        Assert.Equal(Enumerable.Range(1, write.Parameters.Count), used);
    }

    /// <summary>The write with every part: the booking, its intake, the mail and the stored answer.</summary>
    private static Npgsql.NpgsqlBatchCommand Write()
    {
        var booking = Booking.Create(
            new BookingRequest(Guid.NewGuid(), Guid.NewGuid(), "Ana Ruiz", "ana@example.org", null, Rate.Standard, PaymentMethod.AtTable, 6000, "USD", null),
            "hash",
            Now);
        var protector = new EphemeralDataProtectionProvider().CreateProtector("test");
        return BookingStatements.Write(
            booking,
            BookingIntake.Create(booking.Id, "{}"),
            protector,
            OutboxMessage.Create("mail.test", "{}", Now),
            new SealedAnswer("bookings.create", "key", "sealed"));
    }

    private static IEnumerable<(string Table, string[] Columns, int Values)> Inserts(Npgsql.NpgsqlBatchCommand write)
    {
        var inserts = InsertInto().Matches(write.CommandText);
        Assert.Equal(3, inserts.Count);
        foreach (Match match in inserts)
        {
            var columns = match.Groups["columns"].Value.Split(',', StringSplitOptions.TrimEntries);
            yield return (match.Groups["table"].Value, columns, match.Groups["values"].Value.Split(',').Length);
        }
    }

    [GeneratedRegex(@"INSERT INTO (?<table>\w+) \((?<columns>[^)]*)\) VALUES \((?<values>[^)]*)\)")]
    private static partial Regex InsertInto();

    [GeneratedRegex(@"\$(?<n>\d+)")]
    private static partial Regex Parameter();
}
