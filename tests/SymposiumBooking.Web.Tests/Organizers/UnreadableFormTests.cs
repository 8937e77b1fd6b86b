using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Therapists;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>
/// An organizer form the page cannot fully read (an amount that is not a number) is not sent, but the request's own
/// validators still check the rest, so one answer names every field to fix (<c>OrganizerPageModel.Unreadable</c>).
/// </summary>
public sealed partial class UnreadableFormTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task A_rate_that_is_not_a_number_and_a_missing_city_are_both_marked_and_nothing_is_created()
    {
        var ct = TestContext.Current.CancellationToken;
        var organizer = await app.SignedInPagesAsync(BookingApp.OrganizerEmail, BookingApp.OrganizerPassword);
        await using var db = app.OpenDb();
        var before = await db.Symposia.CountAsync(ct);

        var answer = await organizer.PostFormAsync("/organize/new", "/organize/new", new Dictionary<string, string>
        {
            ["Form.Year"] = "2031",
            ["Form.City"] = "",
            ["Form.VenueName"] = "Hyatt Regency",
            ["Form.VenueAddress"] = "151 E Wacker Dr, Chicago, IL 60601",
            ["Form.TimeZone"] = "America/Chicago",
            ["Form.StartDate"] = "2031-06-12",
            ["Form.EndDate"] = "2031-06-14",
            ["Form.Currency"] = "USD",
            ["Form.ReducedRate"] = "twenty",
            ["Form.StandardRate"] = "60.00",
        });
        var html = await answer.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("Enter the reduced rate as a number with a point for decimals", html, StringComparison.Ordinal);
        Assert.Equal(["city", "reduced-rate"], InvalidInputs().Matches(html).Select(m => m.Groups[1].Value).Order().ToArray());
        Assert.Equal(before, await db.Symposia.CountAsync(ct));
    }

    [Fact]
    public async Task A_shift_form_names_its_own_problems_not_the_binders_and_its_filled_break_rows_come_first()
    {
        var ct = TestContext.Current.CancellationToken;
        var symposium = await app.ScheduleAsync(publish: false);
        var organizer = await app.SignedInPagesAsync(BookingApp.OrganizerEmail, BookingApp.OrganizerPassword);
        var page = $"/organize/{symposium.Id}/shifts";

        var answer = await organizer.PostFormAsync(page, page, new Dictionary<string, string>
        {
            ["Form.TherapistId"] = "not-a-guid",
            ["Form.Start"] = "09:00",
            ["Form.End"] = "12:00",
            ["Form.SessionMinutes"] = "fifty",
            ["Form.BufferMinutes"] = "10",
            ["Form.Breaks[0].Start"] = "", // the page posts every row, as a browser does
            ["Form.Breaks[0].End"] = "",
            ["Form.Breaks[1].Start"] = "",
            ["Form.Breaks[1].End"] = "",
            ["Form.Breaks[2].Start"] = "11:00",
            ["Form.Breaks[2].End"] = "10:30",
            ["Form.Location"] = "Room B",
        });
        var html = await answer.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("href=\"#therapist-id\">Choose the therapist who works this shift.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("is not valid", html, StringComparison.Ordinal);
        Assert.Equal(["session-minutes"], InvalidInputs().Matches(html).Select(m => m.Groups[1].Value));
        // The third row was the only one filled: it comes back as the first, as the request's breaks[0].
        Assert.Contains("id=\"breaks-0-start\" name=\"Form.Breaks[0].Start\" type=\"time\" value=\"11:00\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<input id=\"([^\"]+)\"[^>]*aria-invalid=\"true\"")]
    private static partial Regex InvalidInputs();
}
