using System.Net;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>
/// <c>POST /api/v1/symposia/{id}/publish</c>. Only one test here publishes, so that the symposium attendees see as
/// current is the one it published.
/// </summary>
public sealed class PublishTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task Publishing_without_a_policy_is_422_no_policy_and_the_symposium_stays_a_draft()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2031);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        await client.AddShiftAsync(id, therapist, Bodies.Shift("2031-06-10"));

        await app.RefusesAsync(() => client.PostEmptyAsync($"{Symposium(id)}/publish"),
            HttpStatusCode.UnprocessableEntity, "symposium.no_policy");

        Assert.Equal("draft", (await client.GetSymposiumAsync(id)).Text("status"));
    }

    [Fact]
    public async Task Publishing_without_any_slot_is_422_no_slots_even_with_therapists()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2032);
        await client.SetPolicyAsync(id, "2032-05-01T09:00", "2032-06-12T17:00");

        await app.RefusesAsync(() => client.PostEmptyAsync($"{Symposium(id)}/publish"),
            HttpStatusCode.UnprocessableEntity, "symposium.no_slots");

        await client.AddTherapistAsync(id, "Maria Keller");
        await app.RefusesAsync(() => client.PostEmptyAsync($"{Symposium(id)}/publish"),
            HttpStatusCode.UnprocessableEntity, "symposium.no_slots");
        Assert.Equal("draft", (await client.GetSymposiumAsync(id)).Text("status"));
    }

    [Fact]
    public async Task A_published_symposium_is_shown_to_attendees_as_current_and_cannot_be_published_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2033);
        await client.SetPolicyAsync(id, "2033-05-01T09:00", "2033-06-12T17:00");
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        await client.AddShiftAsync(id, therapist, Bodies.Shift("2033-06-11"));

        var published = await client.PostEmptyAsync($"{Symposium(id)}/publish").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(id, published.Id());
        Assert.Equal("published", published.Text("status"));
        Assert.Equal(2033, published.GetProperty("year").GetInt32());
        AssertInstant("2033-05-01T09:00:00-05:00", published.GetProperty("policy").GetProperty("bookingOpensAt"));
        Assert.Equal("published", (await client.GetSymposiumAsync(id)).Text("status"));

        var current = await app.CreateClient().GetAsync($"{SymposiaPath}/current", ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, current.Id());
        Assert.Equal("published", current.Text("status"));
        Assert.Equal("2033-06-10", current.Text("startDate"));

        await app.RefusesAsync(() => client.PostEmptyAsync($"{Symposium(id)}/publish"),
            HttpStatusCode.Conflict, "symposium.already_published");
    }
}
