using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary><c>GET /api/v1/symposia/{id}/dashboard</c>, its CSV and the page /organize/{id}/dashboard.</summary>
public sealed class DashboardTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string DashboardPath(string id) => $"{Symposium(id)}/dashboard";

    [Fact]
    public async Task The_numbers_match_what_was_booked_paid_collected_and_refunded()
    {
        var client = await app.SignedInClientAsync();
        var (id, maria, tomas) = await SeedAsync(client, 2051);

        var d = await client.SendGetAsync(DashboardPath(id)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(id, d.Id("symposiumId"));
        Assert.Equal("USD", d.Text("currency"));
        AssertSlots(d.GetProperty("slots"), total: 6, booked: 4, held: 1, free: 1);

        var bookings = d.GetProperty("bookings");
        Assert.Equal(5, bookings.GetProperty("active").GetInt32());
        Assert.Equal(2, bookings.GetProperty("checkedIn").GetInt32());
        var status = bookings.GetProperty("byStatus");
        Assert.Equal(
            [1, 2, 1, 1, 1, 0, 1],
            new[] { "awaitingPayment", "confirmed", "completed", "noShow", "cancelled", "expired", "refunded" }
                .Select(s => status.GetProperty(s).GetInt32()).ToArray());
        Assert.Equal(3, bookings.GetProperty("byRate").GetProperty("standard").GetInt32());
        Assert.Equal(2, bookings.GetProperty("byRate").GetProperty("reduced").GetInt32());
        Assert.Equal(2, bookings.GetProperty("byPayment").GetProperty("online").GetInt32());
        Assert.Equal(3, bookings.GetProperty("byPayment").GetProperty("atTable").GetInt32());

        var money = d.GetProperty("money");
        Assert.Equal("USD", money.Text("currency"));
        Assert.Equal(12000, money.GetProperty("paidOnlineCents").GetInt64());
        // Current ledger entries only: Ada's 2,500 corrected to 2,000; Ben's 6,500; Noor's 2,500; Cleo's 6,000 corrected to 0.
        Assert.Equal(11000, money.GetProperty("collectedAtTableCents").GetInt64());
        // Ada still owes 500; Ben paid 500 more than his price, which is not set off against Ada's.
        Assert.Equal(500, money.GetProperty("toCollectCents").GetInt64());
        Assert.Equal(6000, money.GetProperty("refundedCents").GetInt64());
        // (6,000 − 2,500) × the two reduced-rate bookings that hold a slot (Ada, Noor).
        Assert.Equal(7000, money.GetProperty("reducedRateSubsidyCents").GetInt64());

        Assert.Equal(1, d.GetProperty("waitlist").GetProperty("waiting").GetInt32());
        Assert.Equal(1, d.GetProperty("waitlist").GetProperty("offered").GetInt32());

        var therapists = d.GetProperty("therapists").EnumerateArray().ToList();
        Assert.Equal(["Maria Keller", "Tomás Ortega"], therapists.Select(t => t.Text("name")).ToArray());
        Assert.Equal([maria, tomas], therapists.Select(t => t.Id("therapistId")).ToArray());
        AssertSlots(therapists[0].GetProperty("slots"), total: 3, booked: 2, held: 1, free: 0);
        AssertSlots(therapists[1].GetProperty("slots"), total: 3, booked: 2, held: 0, free: 1);
    }

    [Fact]
    public async Task Days_are_the_symposiums_local_dates()
    {
        var client = await app.SignedInClientAsync();
        var (id, _, _) = await SeedAsync(client, 2052);

        var d = await client.SendGetAsync(DashboardPath(id)).ExpectAsync(HttpStatusCode.OK);

        // Tomás's 19:00 and 19:30 on 11 June are 00:00 and 00:30 UTC on the 12th: they count on the 11th.
        var days = d.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(["2052-06-10", "2052-06-11"], days.Select(x => x.Text("date")).ToArray());
        AssertSlots(days[0].GetProperty("slots"), total: 4, booked: 3, held: 1, free: 0);
        AssertSlots(days[1].GetProperty("slots"), total: 2, booked: 1, held: 0, free: 1);

        // Bookings made per day from the opening (22 Nov) to today (25 Nov, Chicago), zero days included; Cleo's booking
        // at 05:30 UTC on the 24th was made on the 23rd in Chicago.
        Assert.Equal(
            ["2026-11-22:0", "2026-11-23:1", "2026-11-24:0", "2026-11-25:6"],
            d.GetProperty("bookedPerDay").EnumerateArray().Select(x => $"{x.Text("date")}:{x.GetProperty("bookings").GetInt32()}").ToArray());
    }

    [Fact]
    public async Task A_new_booking_shows_on_the_next_request()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2053);
        var shift = await client.AddShiftAsync(id, await client.AddTherapistAsync(id, "Maria Keller"), Bodies.Shift("2053-06-10", "09:00", "11:00"));
        AssertSlots((await client.SendGetAsync(DashboardPath(id)).ExpectAsync(HttpStatusCode.OK)).GetProperty("slots"), 2, 0, 0, 2);

        await app.BookAsync(id, shift.GetProperty("slots")[0].Id());

        var response = await client.SendGetAsync(DashboardPath(id));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        AssertSlots((await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("slots"), 2, 1, 0, 1);
    }

    [Fact]
    public async Task A_symposium_without_shifts_or_bookings_counts_zero()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2054);

        var d = await client.SendGetAsync(DashboardPath(id)).ExpectAsync(HttpStatusCode.OK);

        AssertSlots(d.GetProperty("slots"), 0, 0, 0, 0);
        Assert.Equal(0, d.GetProperty("days").GetArrayLength());
        Assert.Equal(0, d.GetProperty("therapists").GetArrayLength());
        Assert.Equal(0, d.GetProperty("bookings").GetProperty("active").GetInt32());
        Assert.Equal(0, d.GetProperty("money").GetProperty("toCollectCents").GetInt64());
    }

    [Fact]
    public async Task As_csv_every_number_is_one_line()
    {
        var client = await app.SignedInClientAsync();
        var (id, _, _) = await SeedAsync(client, 2055);

        var response = await client.SendGetAsync(DashboardPath(id), "text/csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,item,measure,value", lines[0]);
        Assert.Contains("slots,all,total,6", lines);
        Assert.Contains("slots,all,held,1", lines);
        Assert.Contains("slots_by_day,2055-06-11,free,1", lines);
        Assert.Contains("slots_by_therapist,Tomás Ortega,booked,2", lines);
        Assert.Contains("bookings,status,noShow,1", lines);
        Assert.Contains("bookings,payment,atTable,3", lines);
        Assert.Contains("money,USD,collected_at_table,11000", lines);
        Assert.Contains("money,USD,to_collect,500", lines);
        Assert.Contains("money,USD,reduced_rate_subsidy,7000", lines);
        Assert.Contains("waitlist,all,offered,1", lines);
        Assert.Contains("booked_per_day,2026-11-23,bookings,1", lines);
        Assert.All(lines, l => Assert.Equal(4, l.Split(',').Length));

        // The page's download link gives the same file.
        var page = await client.GetByteArrayAsync($"/organize/{id}/dashboard?handler=csv", Ct);
        Assert.Equal(lines, Encoding.UTF8.GetString(page).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Only_organizers_see_it_and_an_unknown_symposium_is_404()
    {
        var organizer = await app.SignedInClientAsync();
        var id = await organizer.CreateSymposiumIdAsync(2056);
        var therapist = await app.TherapistClientAsync(organizer, id);

        await therapist.SendGetAsync(DashboardPath(id)).ProblemAsync(HttpStatusCode.Forbidden, null);
        await app.CreateClient().SendGetAsync(DashboardPath(id)).ProblemAsync(HttpStatusCode.Unauthorized, null);
        await organizer.SendGetAsync(DashboardPath(Guid.NewGuid().ToString())).ProblemAsync(HttpStatusCode.NotFound, "symposium.not_found");
        Assert.Equal(HttpStatusCode.Forbidden, (await therapist.GetAsync($"/organize/{id}/dashboard", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organizer.GetAsync($"/organize/{Guid.NewGuid()}/dashboard", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_page_draws_each_chart_with_its_table_of_the_same_numbers()
    {
        var client = await app.SignedInClientAsync();
        var (id, _, _) = await SeedAsync(client, 2057);

        var response = await client.GetAsync($"/organize/{id}/dashboard", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(3, CountOf(html, "<svg role=\"img\""));
        Assert.Equal(3, CountOf(html, "<title id="));
        Assert.Contains("<caption>Slots by day</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>Slots by therapist</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>Bookings made per day</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Tomás Ortega</th><td>2</td><td>0</td><td>1</td><td>3</td></tr>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Sun 10 Jun</th><td>3</td><td>1</td><td>0</td><td>4</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("110.00 USD", html, StringComparison.Ordinal);
        Assert.Contains("5.00 USD", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/organize/{id}/dashboard?handler=csv\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\">Dashboard</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_organizers_list_links_a_published_symposiums_dashboard_first()
    {
        var client = await app.SignedInClientAsync();
        var (id, _, _) = await SeedAsync(client, 2058);
        await client.PostEmptyAsync($"{Symposium(id)}/publish").ExpectAsync(HttpStatusCode.OK);
        var draft = await client.CreateSymposiumIdAsync(2059);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/organize", Ct));

        var card = page[page.IndexOf("2058 · Chicago", StringComparison.Ordinal)..];
        var links = card[card.IndexOf("<ul class=\"action-links\">", StringComparison.Ordinal)..];
        Assert.StartsWith($"<ul class=\"action-links\">", links, StringComparison.Ordinal);
        Assert.True(links.IndexOf($"/organize/{id}/dashboard", StringComparison.Ordinal) < links.IndexOf($"/organize/{id}\"", StringComparison.Ordinal));
        Assert.DoesNotContain($"/organize/{draft}/dashboard", page, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static void AssertSlots(JsonElement slots, int total, int booked, int held, int free) =>
        Assert.Equal(
            $"total {total}, booked {booked}, held {held}, free {free}",
            $"total {slots.GetProperty("total").GetInt32()}, booked {slots.GetProperty("booked").GetInt32()}, held {slots.GetProperty("held").GetInt32()}, free {slots.GetProperty("free").GetInt32()}");

    /// <summary>
    /// 10–12 June of <paramref name="year"/>, Chicago (CDT), USD 25 reduced / 60 standard, bookings open since 22 Nov 2026.
    /// Maria Keller on the 10th: 09:00 Ada (reduced, at the table, confirmed, checked in; ledger 2,500 cash corrected to
    /// 2,000), 10:00 Ben (standard, at the table, confirmed; ledger 6,500), 11:10 Eve (standard, online, awaiting payment).
    /// Tomás Ortega on the 10th: 10:30 Dan (standard, online, paid, completed, checked in). On the 11th: 19:00 Noor
    /// (reduced, at the table, no-show; ledger 2,500 card), 19:30 Finn (standard, online, paid and refunded), then Cleo
    /// there (standard, at the table, cancelled; ledger 6,000 corrected to 0; booked 23 Nov in Chicago), leaving it free.
    /// Waitlist: one waiting and confirmed, one waiting unconfirmed, one offered.
    /// </summary>
    private async Task<(string Id, string Maria, string Tomas)> SeedAsync(HttpClient client, int year)
    {
        var id = await client.CreateSymposiumIdAsync(year);
        await client.SetPolicyAsync(id, "2026-11-22T09:00", $"{year}-06-01T17:00");
        var maria = await client.AddTherapistAsync(id, "Maria Keller");
        var tomas = await client.AddTherapistAsync(id, "Tomás Ortega");
        var marias = (await client.AddShiftAsync(id, maria, Bodies.Shift($"{year}-06-10", "09:00", "12:00", 50, 10, "Room A", ("11:00", "11:10"))))
            .GetProperty("slots");
        var tomas10 = (await client.AddShiftAsync(id, tomas, Bodies.Shift($"{year}-06-10", "10:30", "11:00", 25, 5, "Room B"))).GetProperty("slots");
        var tomas11 = (await client.AddShiftAsync(id, tomas, Bodies.Shift($"{year}-06-11", "19:00", "20:00", 25, 5, "Room B"))).GetProperty("slots");

        var ada = await app.BookAsync(id, marias[0].Id(), "Ada", rate: Rate.Reduced, priceCents: 2500);
        var ben = await app.BookAsync(id, marias[1].Id(), "Ben", rate: Rate.Standard, priceCents: 6000);
        await app.BookAsync(id, marias[2].Id(), "Eve", rate: Rate.Standard, payment: PaymentMethod.Online, priceCents: 6000);
        var dan = await app.BookAsync(id, tomas10[0].Id(), "Dan", rate: Rate.Standard, payment: PaymentMethod.Online, priceCents: 6000);
        var noor = await app.BookAsync(id, tomas11[0].Id(), "Noor", rate: Rate.Reduced, priceCents: 2500);
        var finn = await app.BookAsync(id, tomas11[1].Id(), "Finn", rate: Rate.Standard, payment: PaymentMethod.Online, priceCents: 6000);

        var now = app.Now();
        var symposium = Guid.Parse(id);
        var staff = Guid.NewGuid();
        await using var db = app.OpenDb();
        await SetAsync(db, dan, BookingStatus.Completed, checkedIn: now);
        await SetAsync(db, ada, BookingStatus.Confirmed, checkedIn: now);
        await SetAsync(db, noor, BookingStatus.NoShow);
        await SetAsync(db, finn, BookingStatus.Refunded);
        var cleo = await app.BookAsync(id, tomas11[1].Id(), "Cleo", rate: Rate.Standard, priceCents: 6000);
        await SetAsync(db, cleo, BookingStatus.Cancelled);
        await db.Database.ExecuteSqlAsync($"UPDATE bookings SET created_at = {Instant.FromUtc(2026, 11, 24, 5, 30)} WHERE id = {cleo}", Ct);

        foreach (var paid in new[] { dan, finn })
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO online_payments (booking_id, checkout_session_id, checkout_url, paid_at, created_at) VALUES ({paid}, {"cs_" + paid.ToString("N")}, 'https://checkout.example/x', {now}, {now})",
                Ct);
        }

        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO refunds (id, booking_id, reason, amount_cents, currency, created_at) VALUES ({Guid.NewGuid()}, {finn}, {nameof(RefundReason.Organizer)}, 6000, 'USD', {now})",
            Ct);

        var adaFirst = TablePayment.Record(ada, symposium, 2500, "USD", TablePaymentMethod.Cash, staff, now);
        var cleoFirst = TablePayment.Record(cleo, symposium, 6000, "USD", TablePaymentMethod.Cash, staff, now);
        db.TablePayments.AddRange(
            adaFirst,
            TablePayment.Record(ada, symposium, 2000, "USD", TablePaymentMethod.Cash, staff, now, replaces: adaFirst.Id, note: "gave 5 back"),
            TablePayment.Record(ben, symposium, 6500, "USD", TablePaymentMethod.Cash, staff, now),
            TablePayment.Record(noor, symposium, 2500, "USD", TablePaymentMethod.Card, staff, now),
            cleoFirst,
            TablePayment.Record(cleo, symposium, 0, "USD", TablePaymentMethod.Cash, staff, now, replaces: cleoFirst.Id, note: "recorded by mistake"));

        var waiting = WaitlistEntry.Create(symposium, "Wanda", UniqueEmail("wanda"), null, null, now);
        var unconfirmed = WaitlistEntry.Create(symposium, "Uma", UniqueEmail("uma"), null, null, now);
        var offered = WaitlistEntry.Create(symposium, "Olga", UniqueEmail("olga"), null, null, now);
        offered.Offer(Guid.Parse(tomas11[1].Id()), now.Plus(Duration.FromHours(2)));
        db.WaitlistEntries.AddRange(waiting, unconfirmed, offered);
        await db.SaveChangesAsync(Ct);
        await db.Database.ExecuteSqlAsync($"UPDATE waitlist_entries SET confirmed_at = created_at WHERE id IN ({waiting.Id}, {offered.Id})", Ct);
        return (id, maria, tomas);
    }

    /// <summary>Puts a booking where the test needs it, as its transitions would have left it.</summary>
    private static async Task SetAsync(Infrastructure.Data.BookingDb db, Guid booking, BookingStatus status, Instant? checkedIn = null) =>
        await db.Database.ExecuteSqlAsync(
            $"UPDATE bookings SET status = {status.ToString()}, hold_expires_at = NULL, checked_in_at = {checkedIn} WHERE id = {booking}", Ct);
}
