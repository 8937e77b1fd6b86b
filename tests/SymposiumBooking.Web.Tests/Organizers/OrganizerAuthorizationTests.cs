using System.Net;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>
/// Every organizer route needs an organizer: no or bad credentials are 401, a therapist is 403, and neither writes
/// anything. Listing and reading symposia is open to therapists too.
/// </summary>
public sealed class OrganizerAuthorizationTests(BookingApp app) : IClassFixture<BookingApp>
{
    private sealed record Route(string Name, HttpMethod Method, string Url, object? Body = null, string? Accept = null);

    [Fact]
    public async Task Every_organizer_route_without_credentials_is_401_and_writes_nothing()
    {
        var organizer = await app.SignedInClientAsync();
        var routes = await RoutesAsync(organizer, 2031);
        var anonymous = app.CreateClient();
        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer not-a-real-token");

        foreach (var route in routes.Concat(StaffRoutes(routes)))
        {
            foreach (var client in new[] { anonymous, forged })
            {
                var problem = await app.RefusesAsync(() => Send(client, route), HttpStatusCode.Unauthorized, "http.401");
                Assert.True(problem.Status == HttpStatusCode.Unauthorized, route.Name);
            }
        }
    }

    [Fact]
    public async Task A_therapist_gets_403_on_every_organizer_route_and_writes_nothing()
    {
        var organizer = await app.SignedInClientAsync();
        var routes = await RoutesAsync(organizer, 2032);
        var therapist = await app.TherapistClientAsync(organizer, SymposiumOf(routes));

        foreach (var route in routes)
        {
            var problem = await app.RefusesAsync(() => Send(therapist, route), HttpStatusCode.Forbidden, null);
            Assert.True(problem.Status == HttpStatusCode.Forbidden, route.Name);
        }
    }

    [Fact]
    public async Task Asking_for_the_bookings_csv_without_organizer_rights_still_gets_a_401_or_403_problem_with_a_code()
    {
        var organizer = await app.SignedInClientAsync();
        var routes = await RoutesAsync(organizer, 2034);
        var csv = new Route("bookings as csv", HttpMethod.Get, $"{Symposium(SymposiumOf(routes))}/bookings", Accept: "text/csv");
        var therapist = await app.TherapistClientAsync(organizer, SymposiumOf(routes));

        await app.RefusesAsync(() => Send(app.CreateClient(), csv), HttpStatusCode.Unauthorized, "http.401");
        await app.RefusesAsync(() => Send(therapist, csv), HttpStatusCode.Forbidden, null);
    }

    [Fact]
    public async Task Therapists_may_list_and_read_symposia()
    {
        var organizer = await app.SignedInClientAsync();
        var id = await organizer.CreateSymposiumIdAsync(2033);
        var therapist = await app.TherapistClientAsync(organizer, id);

        var list = await therapist.SendGetAsync(SymposiaPath).ExpectAsync(HttpStatusCode.OK);
        var one = await therapist.GetSymposiumAsync(id);

        Assert.Contains(list.EnumerateArray(), e => e.Id() == id);
        Assert.Equal(2033, one.GetProperty("year").GetInt32());
        Assert.Equal((await organizer.GetSymposiumAsync(id)).GetRawText(), one.GetRawText());
    }

    /// <summary>One symposium with a policy, a therapist and a shift, and every organizer route on them with a valid body.</summary>
    private static async Task<List<Route>> RoutesAsync(HttpClient organizer, int year)
    {
        var id = await organizer.CreateSymposiumIdAsync(year);
        await organizer.SetPolicyAsync(id, $"{year}-05-01T09:00", $"{year}-06-12T17:00");
        var therapist = await organizer.AddTherapistAsync(id, "Maria Keller");
        var spare = await organizer.AddTherapistAsync(id, "Tomás Ortega");
        var shift = (await organizer.AddShiftAsync(id, therapist, Bodies.Shift($"{year}-06-10"))).Id("shiftId");
        var symposium = Symposium(id);
        return
        [
            new("create symposium", HttpMethod.Post, SymposiaPath, Bodies.Symposium(year + 40)),
            new("edit symposium", HttpMethod.Put, symposium, Bodies.Symposium(year).With("city", "Evanston")),
            new("set policy", HttpMethod.Put, $"{symposium}/policy", Bodies.Policy($"{year}-05-02T09:00", $"{year}-06-12T17:00")),
            new("publish", HttpMethod.Post, $"{symposium}/publish"),
            new("copy", HttpMethod.Post, $"{symposium}/copy", Bodies.Copy(year + 41, "Europe/Lisbon", $"{year + 41}-09-17")),
            new("add therapist", HttpMethod.Post, TherapistsPath(id), Bodies.Therapist("Aiko Tanaka", UniqueEmail("aiko"))),
            new("list therapists", HttpMethod.Get, TherapistsPath(id)),
            new("remove therapist", HttpMethod.Delete, $"{TherapistsPath(id)}/{spare}"),
            new("add shift", HttpMethod.Post, ShiftsPath(id, therapist), Bodies.Shift($"{year}-06-11")),
            new("preview shift", HttpMethod.Post, $"{ShiftsPath(id, therapist)}/preview", Bodies.Shift($"{year}-06-11")),
            new("list shifts", HttpMethod.Get, $"{symposium}/shifts"),
            new("change shift", HttpMethod.Put, $"{ShiftsPath(id, therapist)}/{shift}", Bodies.Shift($"{year}-06-10", "13:00", "15:00")),
            new("remove shift", HttpMethod.Delete, $"{ShiftsPath(id, therapist)}/{shift}"),
            new("list bookings", HttpMethod.Get, $"{symposium}/bookings"),
        ];
    }

    private static IEnumerable<Route> StaffRoutes(List<Route> routes) =>
    [
        new("list symposia", HttpMethod.Get, SymposiaPath),
        new("get symposium", HttpMethod.Get, Symposium(SymposiumOf(routes))),
    ];

    private static string SymposiumOf(List<Route> routes) => routes.Single(r => r.Name == "edit symposium").Url.Split('/')[^1];

    private static Task<HttpResponseMessage> Send(HttpClient client, Route route)
    {
        var request = new HttpRequestMessage(route.Method, route.Url);
        if (route.Body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(route.Body);
        }

        if (route.Accept is not null)
        {
            request.Headers.Accept.ParseAdd(route.Accept);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
