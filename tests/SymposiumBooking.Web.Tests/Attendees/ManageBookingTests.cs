using System.Net;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>The attendee sees, cancels and moves their booking with its token, and nobody else can.</summary>
public sealed class ManageBookingTests(BookingApp app) : IClassFixture<BookingApp>
{
    public static TheoryData<string> Actions => ["get", "cancel", "reschedule"];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task A_wrong_token_is_404_not_found_and_changes_nothing(string action)
    {
        var (schedule, booked) = await BookedAsync();
        var wrong = booked.Token![..^4] + "AAAA";

        var problem = await Problem.ReadAsync(await SendAsync(action, booked.Id, wrong, schedule.Slots[1].Id));

        Assert.Equal((HttpStatusCode.NotFound, "booking.not_found"), (problem.Status, problem.Code));
        await AssertUnchangedAsync(booked, schedule.Slots[0].Id);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task A_right_token_for_another_booking_is_404_not_found(string action)
    {
        var (schedule, booked) = await BookedAsync();
        var other = await app.CreateClient().BookAtTableAsync(schedule.Slots[2].Id);

        var problem = await Problem.ReadAsync(await SendAsync(action, booked.Id, other.Token, schedule.Slots[1].Id));

        Assert.Equal((HttpStatusCode.NotFound, "booking.not_found"), (problem.Status, problem.Code));
        await AssertUnchangedAsync(booked, schedule.Slots[0].Id);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task No_token_is_401_token_required_and_changes_nothing(string action)
    {
        var (schedule, booked) = await BookedAsync();

        var problem = await Problem.ReadAsync(await SendAsync(action, booked.Id, null, schedule.Slots[1].Id));

        Assert.Equal((HttpStatusCode.Unauthorized, "booking.token_required"), (problem.Status, problem.Code));
        await AssertUnchangedAsync(booked, schedule.Slots[0].Id);
    }

    [Fact]
    public async Task An_unknown_booking_id_is_404_like_a_wrong_token()
    {
        var (_, booked) = await BookedAsync();

        var problem = await Problem.ReadAsync(await SendAsync("get", Guid.CreateVersion7(), booked.Token, null));

        Assert.Equal((HttpStatusCode.NotFound, "booking.not_found"), (problem.Status, problem.Code));
    }

    [Fact]
    public async Task Cancelling_twice_answers_200_cancelled_both_times_and_frees_the_slot()
    {
        var (schedule, booked) = await BookedAsync();
        var client = app.CreateClient();

        var first = await SendAsync("cancel", booked.Id, booked.Token, null);
        var second = await SendAsync("cancel", booked.Id, booked.Token, null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(BookingStatus.Cancelled, (await first.ReadAsync<BookingView>()).Status);
        Assert.Equal(BookingStatus.Cancelled, (await second.ReadAsync<BookingView>()).Status);
        var row = await app.BookingRowAsync(booked.Id);
        Assert.Equal((BookingStatus.Cancelled, 1), (row.Status, row.Sequence));
        Assert.Contains(await client.AvailableSlotsAsync(schedule.Id), s => s.Id == schedule.Slots[0].Id);
    }

    [Fact]
    public async Task Cancelling_inside_the_cutoff_is_422_cutoff_passed_and_keeps_the_booking()
    {
        var (schedule, booked) = await BookedAsync(); // cutoff: 24 hours
        app.Clock.SetUtcNow((schedule.Slots[0].StartsAt - Duration.FromHours(24)).ToDateTimeOffset().AddMinutes(1));

        var problem = await Problem.ReadAsync(await SendAsync("cancel", booked.Id, booked.Token, null));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "booking.cutoff_passed"), (problem.Status, problem.Code));
        await AssertUnchangedAsync(booked, schedule.Slots[0].Id);
    }

    [Fact]
    public async Task Cancelling_just_before_the_cutoff_is_allowed()
    {
        var (schedule, booked) = await BookedAsync();
        app.Clock.SetUtcNow((schedule.Slots[0].StartsAt - Duration.FromHours(24)).ToDateTimeOffset());

        Assert.Equal(HttpStatusCode.OK, (await SendAsync("cancel", booked.Id, booked.Token, null)).StatusCode);
    }

    [Fact]
    public async Task Rescheduling_inside_the_cutoff_is_422_cutoff_passed_and_keeps_the_slot()
    {
        var (schedule, booked) = await BookedAsync();
        app.Clock.SetUtcNow((schedule.Slots[0].StartsAt - Duration.FromHours(23)).ToDateTimeOffset());

        var problem = await Problem.ReadAsync(await SendAsync("reschedule", booked.Id, booked.Token, schedule.Slots[1].Id));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "booking.cutoff_passed"), (problem.Status, problem.Code));
        await AssertUnchangedAsync(booked, schedule.Slots[0].Id);
    }

    [Fact]
    public async Task Rescheduling_moves_the_same_booking_frees_the_old_slot_and_bumps_its_sequence()
    {
        var (schedule, booked) = await BookedAsync();
        var (from, to) = (schedule.Slots[0], schedule.Slots[3]);
        var client = app.CreateClient();

        var response = await SendAsync("reschedule", booked.Id, booked.Token, to.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = await response.ReadAsync<BookingView>();
        Assert.Equal((booked.Id, to.Id, BookingStatus.Confirmed), (moved.Id, moved.Slot.Id, moved.Status));
        Assert.Null(moved.Token);
        var row = await app.BookingRowAsync(booked.Id);
        Assert.Equal((to.Id, 1), (row.SlotId, row.Sequence));
        var available = await client.AvailableSlotsAsync(schedule.Id);
        Assert.Contains(available, s => s.Id == from.Id);
        Assert.DoesNotContain(available, s => s.Id == to.Id);
        var seen = await (await SendAsync("get", booked.Id, booked.Token, null)).ReadAsync<BookingView>();
        Assert.Equal(to.Id, seen.Slot.Id);
        Assert.Equal(to.StartsAt.ToDateTimeOffset(), seen.Slot.StartsAt);
    }

    [Fact]
    public async Task Rescheduling_to_a_taken_slot_is_409_and_changes_neither_booking()
    {
        var (schedule, booked) = await BookedAsync();
        var other = await app.CreateClient().BookAtTableAsync(schedule.Slots[1].Id);

        var problem = await Problem.ReadAsync(await SendAsync("reschedule", booked.Id, booked.Token, schedule.Slots[1].Id));

        Assert.Equal((HttpStatusCode.Conflict, "booking.slot_unavailable"), (problem.Status, problem.Code));
        await AssertUnchangedAsync(booked, schedule.Slots[0].Id);
        await AssertUnchangedAsync(other, schedule.Slots[1].Id);
    }

    [Fact]
    public async Task Rescheduling_to_a_slot_of_another_symposium_is_422_other_symposium()
    {
        var (schedule, booked) = await BookedAsync();
        var elsewhere = await app.ScheduleAsync();

        var problem = await Problem.ReadAsync(await SendAsync("reschedule", booked.Id, booked.Token, elsewhere.Slots[0].Id));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "booking.other_symposium"), (problem.Status, problem.Code));
        await AssertUnchangedAsync(booked, schedule.Slots[0].Id);
    }

    [Fact]
    public async Task Rescheduling_to_an_unknown_slot_is_422_unknown_slot()
    {
        var (schedule, booked) = await BookedAsync();

        var problem = await Problem.ReadAsync(await SendAsync("reschedule", booked.Id, booked.Token, Guid.CreateVersion7()));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "booking.unknown_slot"), (problem.Status, problem.Code));
        await AssertUnchangedAsync(booked, schedule.Slots[0].Id);
    }

    [Fact]
    public async Task Rescheduling_to_a_slot_that_has_started_is_422_slot_past()
    {
        var (schedule, booked) = await BookedAsync(slotIndex: 7);
        app.Clock.SetUtcNow(schedule.Slots[0].StartsAt.ToDateTimeOffset().AddMinutes(1)); // the booking's own slot is hours later

        var problem = await Problem.ReadAsync(await SendAsync("reschedule", booked.Id, booked.Token, schedule.Slots[0].Id));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "booking.slot_past"), (problem.Status, problem.Code));
        await AssertUnchangedAsync(booked, schedule.Slots[7].Id);
    }

    [Fact]
    public async Task Rescheduling_to_its_own_slot_is_200_and_changes_nothing()
    {
        var (schedule, booked) = await BookedAsync();

        var response = await SendAsync("reschedule", booked.Id, booked.Token, schedule.Slots[0].Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(schedule.Slots[0].Id, (await response.ReadAsync<BookingView>()).Slot.Id);
        await AssertUnchangedAsync(booked, schedule.Slots[0].Id);
    }

    [Fact]
    public async Task A_cancelled_booking_cannot_be_rescheduled()
    {
        var (schedule, booked) = await BookedAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("cancel", booked.Id, booked.Token, null)).StatusCode);

        var problem = await Problem.ReadAsync(await SendAsync("reschedule", booked.Id, booked.Token, schedule.Slots[1].Id));

        Assert.Equal((HttpStatusCode.Conflict, "booking.not_active"), (problem.Status, problem.Code));
        var row = await app.BookingRowAsync(booked.Id);
        Assert.Equal((schedule.Slots[0].Id, BookingStatus.Cancelled), (row.SlotId, row.Status));
    }

    private async Task<(Schedule Schedule, BookingView Booked)> BookedAsync(int slotIndex = 0)
    {
        var schedule = await app.ScheduleAsync();
        var booked = await app.CreateClient().BookAtTableAsync(schedule.Slots[slotIndex].Id);
        return (schedule, booked);
    }

    private Task<HttpResponseMessage> SendAsync(string action, Guid id, string? token, Guid? slotId) => action switch
    {
        "get" => app.CreateClient().WithTokenAsync(HttpMethod.Get, $"/api/v1/bookings/{id}", token),
        "cancel" => app.CreateClient().WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{id}/cancel", token),
        "reschedule" => app.CreateClient().WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{id}/reschedule", token, new { slotId }),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    private async Task AssertUnchangedAsync(BookingView booked, Guid slotId)
    {
        var row = await app.BookingRowAsync(booked.Id);
        Assert.Equal((slotId, BookingStatus.Confirmed, 0), (row.SlotId, row.Status, row.Sequence));
    }
}
