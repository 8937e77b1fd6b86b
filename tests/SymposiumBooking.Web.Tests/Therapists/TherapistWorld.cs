using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using NodaTime;
using NodaTime.Text;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;

namespace SymposiumBooking.Web.Tests.Therapists;

/// <summary>
/// One published symposium in Chicago with two therapists who can sign in. On the first day, therapist A works
/// 09:00–12:00 with a break at 11:00 and 14:00–16:00 (a gap between); B works 09:00–12:00. Three bookings made through
/// the API: A at 09:00 with every flag but neck surgery, A at 14:00 with none, B at 09:00 with a private note.
/// </summary>
public sealed record TherapistWorld(
    Symposium Symposium,
    Therapist A,
    Therapist B,
    string EmailA,
    string EmailB,
    BookingView FlaggedOfA,
    BookingView PlainOfA,
    BookingView OfB,
    IReadOnlyList<Slot> SlotsOfA)
{
    public const string Password = "Therapist-Password-1";
    public const string BClientName = "Beatrix Bergström";
    public const string BNote = "Private note: tell nobody about the left shoulder";

    public LocalDate Day => Symposium.StartDate;

    public string DayText => LocalDatePattern.Iso.Format(Day);

    /// <summary>The instant A's 09:00 session starts (and the one at 14:00).</summary>
    public Instant FirstStart => SlotsOfA.Min(s => s.StartsAt);

    public static async Task<TherapistWorld> CreateAsync(BookingApp app)
    {
        var ct = TestContext.Current.CancellationToken;
        var emails = new[] { BookingSeed.UniqueEmail("therapist.a"), BookingSeed.UniqueEmail("therapist.b") };
        var users = await app.TherapistSignInsAsync(Password, emails);

        var now = app.Now();
        var symposium = Symposium.Create(Seed.Details(BookingSeed.NextYear(now)), now).Value;
        Assert.True(symposium.SetPolicy(new BookingPolicy(now, now + Duration.FromDays(366 * 300), 5, 30, 24), now).IsSuccess);
        Assert.True(symposium.Publish(now, hasSlots: true).IsSuccess);
        var a = Therapist.Create(symposium.Id, "Anna Therapist", emails[0], users[0], now);
        var b = Therapist.Create(symposium.Id, "Bruno Therapist", emails[1], users[1], now);
        var day = symposium.StartDate;
        var shifts = new[]
        {
            Shift.Create(symposium.Id, a.Id, new ShiftPlan(day, new LocalTime(9, 0), new LocalTime(12, 0), 50, 10, [new ShiftBreak(new LocalTime(11, 0), new LocalTime(11, 30))]), "Room B, table 1"),
            Shift.Create(symposium.Id, a.Id, new ShiftPlan(day, new LocalTime(14, 0), new LocalTime(16, 0), 50, 10, []), "Room B, table 1"),
            Shift.Create(symposium.Id, b.Id, new ShiftPlan(day, new LocalTime(9, 0), new LocalTime(12, 0), 50, 10, []), "Room C, table 2"),
        };
        var slots = shifts.SelectMany(s => s.CreateSlots(symposium.Zone)).ToList();
        await using (var db = app.OpenDb())
        {
            db.AddRange(symposium, a, b);
            db.AddRange(shifts);
            db.AddRange(slots);
            await db.SaveChangesAsync(ct);
        }

        var ofA = slots.Where(s => s.TherapistId == a.Id).OrderBy(s => s.StartsAt).ToList();
        var ofB = slots.Where(s => s.TherapistId == b.Id).OrderBy(s => s.StartsAt).ToList();
        var attendee = app.CreateClient();
        var flaggedIntake = BookingBodies.Intake("Flagged note");
        flaggedIntake["lastBotoxInjection"] = LocalDatePattern.Iso.Format(day.PlusDays(-5));
        flaggedIntake["dbs"] = "left";
        flaggedIntake["bloodThinners"] = true;
        var flagged = await attendee.BookOkAsync(
            BookingBodies.Booking(ofA[0].Id, BookingSeed.UniqueEmail("flagged"), "standard").With("name", "Fiona Flagged").With("intake", flaggedIntake));
        var plain = await attendee.BookOkAsync(
            BookingBodies.Booking(ofA.First(s => s.StartsAt.InZone(symposium.Zone).Hour == 14).Id, BookingSeed.UniqueEmail("plain"), "standard")
                .With("name", "Paul Plain"));
        var other = await attendee.BookOkAsync(
            BookingBodies.Booking(ofB[0].Id, BookingSeed.UniqueEmail("beatrix"), "standard").With("name", BClientName).With("intake", BookingBodies.Intake(BNote)));
        return new TherapistWorld(symposium, a, b, emails[0], emails[1], flagged, plain, other, ofA);
    }

    public Task<HttpClient> ClientAAsync(BookingApp app) => app.SignedInClientAsync(EmailA, Password);

    public Task<HttpClient> ClientBAsync(BookingApp app) => app.SignedInClientAsync(EmailB, Password);
}

/// <summary>A browser-like client for the pages: signed in with the staff cookie through the sign-in form.</summary>
public static partial class PageClients
{
    public static async Task<HttpClient> SignedInPagesAsync(this BookingApp app, string email, string password)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/account/sign-in", ct);
        var answer = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }), ct);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, answer.StatusCode);
        return client;
    }

    /// <summary>Posts a page's form (with its antiforgery token) to <paramref name="url"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, string url, Dictionary<string, string>? fields = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await client.GetStringAsync(pageUrl, ct);
        var form = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        return await client.PostAsync(url, new FormUrlEncodedContent(form), ct);
    }

    public static string AntiforgeryToken(string html) => Token().Match(html).Groups[1].Value;

    public static void UserAgent(this HttpClient client, string agent) =>
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue(agent, "1.0"));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
