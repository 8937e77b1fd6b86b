using System.Net;
using System.Text.Json;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>
/// Health answers are for the booking's therapist and the organizers only (GET /api/v1/bookings/{id}/intake): not
/// for the attendee's token (a forwarded link must not show them), nor for another therapist.
/// </summary>
public sealed class IntakeAccessTests(BookingApp app) : IClassFixture<BookingApp>
{
    private const string Password = "Therapist-Password-1";

    [Fact]
    public async Task Anonymous_is_401()
    {
        var (booked, _, _) = await BookedWithTherapistsAsync();

        var response = await app.CreateClient().GetAsync(IntakePath(booked.Id), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_attendees_own_token_does_not_open_the_intake()
    {
        var (booked, _, _) = await BookedWithTherapistsAsync();

        var response = await app.CreateClient().WithTokenAsync(HttpMethod.Get, IntakePath(booked.Id), booked.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("neckLeft", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_therapist_of_the_same_symposium_gets_404()
    {
        var (booked, _, otherEmail) = await BookedWithTherapistsAsync();
        var other = await app.SignedInClientAsync(otherEmail, Password);

        var problem = await Problem.ReadAsync(await other.GetAsync(IntakePath(booked.Id), TestContext.Current.CancellationToken));

        Assert.Equal((HttpStatusCode.NotFound, "booking.not_found"), (problem.Status, problem.Code));
    }

    [Fact]
    public async Task The_bookings_therapist_reads_the_intake()
    {
        var (booked, ownEmail, _) = await BookedWithTherapistsAsync();
        var own = await app.SignedInClientAsync(ownEmail, Password);

        var response = await own.GetAsync(IntakePath(booked.Id), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertIsTheIntake(booked.Id, await response.ReadAsync<JsonElement>());
    }

    [Fact]
    public async Task An_organizer_reads_the_intake()
    {
        var (booked, _, _) = await BookedWithTherapistsAsync();
        var organizer = await app.SignedInClientAsync();

        var response = await organizer.GetAsync(IntakePath(booked.Id), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertIsTheIntake(booked.Id, await response.ReadAsync<JsonElement>());
    }

    [Fact]
    public async Task An_unknown_booking_is_404_for_an_organizer()
    {
        var organizer = await app.SignedInClientAsync();

        var response = await organizer.GetAsync(IntakePath(Guid.CreateVersion7()), TestContext.Current.CancellationToken);

        Assert.Equal("booking.not_found", (await Problem.ReadAsync(response)).Code);
    }

    private static string IntakePath(Guid bookingId) => $"/api/v1/bookings/{bookingId}/intake";

    private static void AssertIsTheIntake(Guid bookingId, JsonElement body)
    {
        Assert.Equal(bookingId, body.GetProperty("bookingId").GetGuid());
        var intake = body.GetProperty("intake");
        Assert.Equal("left", intake.GetProperty("headTurn").GetString());
        Assert.Equal(["neckLeft", "upperBack"], intake.GetProperty("painAreas").EnumerateArray().Select(a => a.GetString() ?? "").ToList());
        Assert.True(intake.GetProperty("consent").GetBoolean());
    }

    /// <summary>
    /// Two therapists with sign-ins at one symposium; a booking with the first. Answers the booking and the two
    /// therapists' sign-in emails (the booking's own, then the other).
    /// </summary>
    private async Task<(BookingView Booked, string OwnEmail, string OtherEmail)> BookedWithTherapistsAsync()
    {
        var emails = new[] { BookingSeed.UniqueEmail("own.therapist"), BookingSeed.UniqueEmail("other.therapist") };
        var users = await app.TherapistSignInsAsync(Password, emails);

        var schedule = await app.ScheduleAsync(therapists: 2, therapistUsers: users);
        var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[0].Id);
        Assert.Equal(schedule.Therapists[0].Id, booked.Slot.TherapistId);
        return (booked, emails[0], emails[1]);
    }
}
