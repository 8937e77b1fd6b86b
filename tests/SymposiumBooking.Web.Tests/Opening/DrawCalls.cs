using System.Net;
using System.Text.Json;
using NodaTime;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Opening;

/// <summary>Symposia that open by draw, and requests, as the fair-opening tests make them through the API.</summary>
public static class DrawCalls
{
    public static string RequestsPath(Guid symposiumId) => $"{SymposiaPath}/{symposiumId}/requests";

    public static string DrawPath(Guid symposiumId) => $"{SymposiaPath}/{symposiumId}/draw";

    public static Dictionary<string, object?> Request(string email, IEnumerable<object> choices, string payment = "atTable", string rate = "standard") => new()
    {
        ["name"] = "Rhea Request",
        ["email"] = email,
        ["phone"] = null,
        ["rate"] = rate,
        ["payment"] = payment,
        ["confirmsCondition"] = rate == "reduced",
        ["intake"] = BookingBodies.Intake("tight on the left"),
        ["choices"] = choices.ToArray(),
    };

    public static Dictionary<string, object?> Slot(Guid id) => new() { ["slotId"] = id };

    /// <summary>A published symposium of two therapists whose requests are open now and close in a day; first-come opens in two.</summary>
    public static async Task<(Schedule Schedule, HttpClient Organizer)> OpenForRequestsAsync(this BookingApp app)
    {
        var schedule = await app.ScheduleAsync(therapists: 2);
        var organizer = await app.SignedInClientAsync();
        var now = app.Now();
        var policy = Bodies.Policy(Iso(now + Duration.FromDays(2)), Iso(now + Duration.FromDays(300)))
            .With("openingMode", "draw")
            .With("requestsOpenAt", Iso(now - Duration.FromMinutes(1)))
            .With("requestsCloseAt", Iso(now + Duration.FromDays(1)))
            .With("maxChoices", 3);
        await organizer.PutJsonAsync($"{Symposium(schedule.Id.ToString())}/policy", policy).ExpectAsync(HttpStatusCode.OK);
        return (schedule, organizer);
    }

    public static string Iso(Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);

    public static async Task<JsonElement> SubmitAsync(this BookingApp app, Guid symposiumId, Dictionary<string, object?> body) =>
        await app.CreateClient().PostJsonAsync(RequestsPath(symposiumId), body).ExpectAsync(HttpStatusCode.Created);

    public static HttpRequestMessage WithToken(HttpMethod method, string url, string? token, string header = "X-Request-Token")
    {
        var message = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            message.Headers.Add(header, token);
        }

        return message;
    }
}
