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
/// The booking's hand-written INSERTs (docs/adr/0030) and EF Core's model describe the same tables: a column added to
/// an entity but not to its INSERT would silently be left at its default for every booking.
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

        var insert = Inserts().Single(i => i.Table == table);

        Assert.Equal(mapped, insert.Columns.Order().ToArray());
        Assert.Equal(insert.Columns.Length, insert.Parameters);
    }

    private static IEnumerable<(string Table, string[] Columns, int Parameters)> Inserts()
    {
        var booking = Booking.Create(
            new BookingRequest(Guid.NewGuid(), Guid.NewGuid(), "Ana Ruiz", "ana@example.org", null, Rate.Standard, PaymentMethod.AtTable, 6000, "USD", null),
            "hash",
            Now);
        var protector = new EphemeralDataProtectionProvider().CreateProtector("test");
        var commands = new[]
        {
            BookingStatements.Insert(booking),
            BookingStatements.Insert(BookingIntake.Create(booking.Id, "{}"), protector),
            BookingStatements.Insert(OutboxMessage.Create("mail.test", "{}", Now)),
        };
        foreach (var command in commands)
        {
            var match = InsertInto().Match(command.CommandText);
            Assert.True(match.Success, command.CommandText);
            var columns = match.Groups["columns"].Value.Split(',', StringSplitOptions.TrimEntries);
            yield return (match.Groups["table"].Value, columns, command.Parameters.Count);
        }
    }

    [GeneratedRegex(@"INSERT INTO (?<table>\w+) \((?<columns>[^)]*)\)")]
    private static partial Regex InsertInto();
}
