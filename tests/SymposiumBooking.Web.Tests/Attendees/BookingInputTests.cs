using System.Net;
using System.Net.Http.Json;
using System.Text;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>
/// What a phone, a script or an attacker may send instead of a booking: each gets a 4xx problem with a code, and
/// none writes a booking or an intake. Every body aims at a bookable slot, so a missed check would show as a row.
/// </summary>
public sealed class BookingInputTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task An_unknown_slot_is_422_unknown_slot()
    {
        var problem = await RefusedAsync(BookingBodies.Booking(Guid.CreateVersion7()), HttpStatusCode.UnprocessableEntity, "booking.unknown_slot");

        AssertField(problem, "slotId");
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("@example.org")]
    public async Task An_invalid_email_is_400_with_the_email_field(string email)
    {
        var slot = await BookableSlotAsync();

        var problem = await RefusedAsync(BookingBodies.Booking(slot, email), HttpStatusCode.BadRequest, "request.invalid");

        AssertField(problem, "email");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task Missing_consent_is_400_with_the_intake_consent_field(bool? consent)
    {
        var body = BookingBodies.Booking(await BookableSlotAsync());
        ((Dictionary<string, object?>)body["intake"]!)["consent"] = consent;

        AssertField(await RefusedAsync(body, HttpStatusCode.BadRequest, "request.invalid"), "intake.consent");
    }

    [Fact]
    public async Task A_missing_intake_is_400_with_the_intake_field()
    {
        var body = BookingBodies.Booking(await BookableSlotAsync());
        body.Remove("intake");

        AssertField(await RefusedAsync(body, HttpStatusCode.BadRequest, "request.invalid"), "intake");
    }

    [Fact]
    public async Task An_unanswered_health_question_is_400_with_its_field()
    {
        var body = BookingBodies.Booking(await BookableSlotAsync());
        ((Dictionary<string, object?>)body["intake"]!).Remove("bloodThinners");

        AssertField(await RefusedAsync(body, HttpStatusCode.BadRequest, "request.invalid"), "intake.bloodThinners");
    }

    [Fact]
    public async Task A_note_of_10_kb_is_400_with_the_intake_note_field()
    {
        // Ten times the note's limit, within the booking body's (a larger body is 413: SlowUploadTests).
        var body = BookingBodies.Booking(await BookableSlotAsync());
        body["intake"] = BookingBodies.Intake(note: new string('n', 10 * 1024));

        AssertField(await RefusedAsync(body, HttpStatusCode.BadRequest, "request.invalid"), "intake.note");
    }

    [Fact]
    public async Task Missing_name_rate_and_payment_are_400_each_named()
    {
        var body = BookingBodies.Booking(await BookableSlotAsync());
        body.Remove("name");
        body.Remove("rate");
        body.Remove("payment");

        var problem = await RefusedAsync(body, HttpStatusCode.BadRequest, "request.invalid");

        AssertField(problem, "name");
        AssertField(problem, "rate");
        AssertField(problem, "payment");
    }

    [Theory]
    [InlineData("{\"slotId\": ")]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task Unreadable_json_is_400(string json)
    {
        await BookableSlotAsync();

        var problem = await RefusedRawAsync(json, HttpStatusCode.BadRequest);

        Assert.True(problem.Code is "request.malformed" or "request.invalid", problem.Code);
    }

    [Fact]
    public async Task An_empty_body_is_400()
    {
        await BookableSlotAsync();

        var problem = await RefusedRawAsync("", HttpStatusCode.BadRequest);

        Assert.True(problem.Code is "request.malformed" or "request.invalid", problem.Code);
    }

    [Theory]
    [InlineData("rate", "cheapest")]
    [InlineData("payment", "bitcoin")]
    public async Task A_name_outside_an_enum_is_400_malformed(string field, string value)
    {
        var body = BookingBodies.Booking(await BookableSlotAsync());
        body[field] = value;

        await RefusedAsync(body, HttpStatusCode.BadRequest, "request.malformed");
    }

    [Theory]
    [InlineData("rate", 7)]
    [InlineData("rate", 1)]
    [InlineData("payment", 5)]
    [InlineData("payment", -1)]
    public async Task A_number_for_an_enum_is_400_malformed_even_when_it_is_a_defined_value(string field, int value)
    {
        var body = BookingBodies.Booking(await BookableSlotAsync());
        body[field] = value;

        await RefusedAsync(body, HttpStatusCode.BadRequest, "request.malformed");
    }

    [Theory]
    [InlineData("headTurn", 9)]
    [InlineData("headTilt", 9)]
    [InlineData("dbs", 9)]
    [InlineData("painAreas", new[] { 42 })]
    [InlineData("comfortablePositions", new[] { 42 })]
    public async Task A_number_for_an_intake_enum_is_400_malformed(string field, object value)
    {
        var body = BookingBodies.Booking(await BookableSlotAsync());
        ((Dictionary<string, object?>)body["intake"]!)[field] = value;

        await RefusedAsync(body, HttpStatusCode.BadRequest, "request.malformed");
    }

    [Fact]
    public async Task A_value_outside_an_intake_enum_is_400_malformed()
    {
        var body = BookingBodies.Booking(await BookableSlotAsync());
        ((Dictionary<string, object?>)body["intake"]!)["headTurn"] = "backwards";

        await RefusedAsync(body, HttpStatusCode.BadRequest, "request.malformed");
    }

    [Theory]
    [InlineData("slot-1")]
    [InlineData("")]
    [InlineData(42)]
    public async Task A_slot_id_that_is_not_a_guid_is_400(object slotId)
    {
        var body = BookingBodies.Booking(await BookableSlotAsync());
        body["slotId"] = slotId;

        await RefusedAsync(body, HttpStatusCode.BadRequest, "request.malformed");
    }

    [Theory]
    [InlineData("2027-13-01")]
    [InlineData("tomorrow")]
    [InlineData("2027-6-11")]
    public async Task Availability_for_a_bad_date_is_400_with_the_date_field(string date)
    {
        var schedule = await app.ScheduleAsync();

        var response = await app.CreateClient().GetAsync($"/api/v1/symposia/{schedule.Id}/slots?date={date}", TestContext.Current.CancellationToken);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal((HttpStatusCode.BadRequest, "request.invalid"), (problem.Status, problem.Code));
        AssertField(problem, "date");
    }

    [Fact]
    public async Task Availability_of_an_unknown_symposium_is_404()
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/symposia/{Guid.CreateVersion7()}/slots", TestContext.Current.CancellationToken);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal((HttpStatusCode.NotFound, "symposium.not_found"), (problem.Status, problem.Code));
    }

    [Fact]
    public async Task Availability_of_a_draft_symposium_is_404_for_attendees_but_shown_to_organizers()
    {
        var draft = await app.ScheduleAsync(publish: false);
        var ct = TestContext.Current.CancellationToken;

        var anonymous = await app.CreateClient().GetAsync($"/api/v1/symposia/{draft.Id}/slots", ct);
        var organizer = await (await app.SignedInClientAsync()).GetAsync($"/api/v1/symposia/{draft.Id}/slots", ct);

        var problem = await Problem.ReadAsync(anonymous);
        Assert.Equal((HttpStatusCode.NotFound, "symposium.not_found"), (problem.Status, problem.Code));
        Assert.Equal(HttpStatusCode.OK, organizer.StatusCode);
    }

    private async Task<Guid> BookableSlotAsync() => (await app.ScheduleAsync()).Slots[0].Id;

    private async Task<Problem> RefusedAsync(Dictionary<string, object?> body, HttpStatusCode status, string code)
    {
        var before = await app.RowCountsAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/bookings", body, TestContext.Current.CancellationToken);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal((status, code), (problem.Status, problem.Code));
        Assert.Equal(before, await app.RowCountsAsync());
        return problem;
    }

    private async Task<Problem> RefusedRawAsync(string json, HttpStatusCode status)
    {
        var before = await app.RowCountsAsync();

        var response = await app.CreateClient().PostAsync(
            "/api/v1/bookings", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(status, problem.Status);
        Assert.Equal(before, await app.RowCountsAsync());
        return problem;
    }

    private static void AssertField(Problem problem, string field)
    {
        Assert.True(problem.Body.TryGetProperty("errors", out var errors), "no errors map");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors has no '{field}': {errors}");
        Assert.NotEmpty(messages.EnumerateArray());
    }
}
