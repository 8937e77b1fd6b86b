using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>When a slot may be booked, at which price, and how many reduced-rate sessions one person gets.</summary>
public sealed class BookingRuleTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task Booking_before_the_window_opens_is_422_not_open_and_writes_nothing()
    {
        var schedule = await app.ScheduleAsync(policy: now => new BookingPolicy(now + Duration.FromDays(1), now + Duration.FromDays(3000), 1, 30, 24));

        await AssertRefusedAsync(BookingBodies.Booking(schedule.Slots[0].Id), HttpStatusCode.UnprocessableEntity, "symposium.not_open");
    }

    [Fact]
    public async Task Booking_after_the_window_closes_is_422_not_open_and_writes_nothing()
    {
        var schedule = await app.ScheduleAsync(policy: now => new BookingPolicy(now, now + Duration.FromHours(1), 1, 30, 24));
        var client = app.CreateClient();
        await client.BookAtTableAsync(schedule.Slots[0].Id); // open now

        app.Clock.Advance(TimeSpan.FromHours(1)); // closes at exactly this instant

        await AssertRefusedAsync(BookingBodies.Booking(schedule.Slots[1].Id), HttpStatusCode.UnprocessableEntity, "symposium.not_open");
    }

    [Fact]
    public async Task Booking_at_an_unpublished_symposium_is_422_not_open()
    {
        var schedule = await app.ScheduleAsync(publish: false);

        await AssertRefusedAsync(BookingBodies.Booking(schedule.Slots[0].Id), HttpStatusCode.UnprocessableEntity, "symposium.not_open");
    }

    [Fact]
    public async Task Booking_a_slot_that_has_started_is_422_slot_past_while_later_slots_stay_bookable()
    {
        var schedule = await app.ScheduleAsync();
        var started = schedule.Slots[0];
        app.Clock.SetUtcNow(started.StartsAt.ToDateTimeOffset().AddMinutes(1));

        await AssertRefusedAsync(BookingBodies.Booking(started.Id), HttpStatusCode.UnprocessableEntity, "booking.slot_past");

        var client = app.CreateClient();
        var available = await client.AvailableSlotsAsync(schedule.Id);
        Assert.DoesNotContain(available, s => s.Id == started.Id);
        Assert.Contains(available, s => s.Id == schedule.Slots[1].Id);
        await client.BookAtTableAsync(schedule.Slots[1].Id);
    }

    [Fact]
    public async Task Paying_online_without_stripe_configured_is_422_online_unavailable()
    {
        var schedule = await app.ScheduleAsync();

        var problem = await AssertRefusedAsync(
            BookingBodies.Booking(schedule.Slots[0].Id, payment: "online"), HttpStatusCode.UnprocessableEntity, "payment.online_unavailable");
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty("payment", out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task The_reduced_rate_needs_the_attendee_to_confirm_the_condition(bool? confirms)
    {
        var schedule = await app.ScheduleAsync();
        var body = BookingBodies.Booking(schedule.Slots[0].Id, rate: "reduced");
        body["confirmsCondition"] = confirms;

        var problem = await AssertRefusedAsync(body, HttpStatusCode.BadRequest, "request.invalid");
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty("confirmsCondition", out _));
    }

    [Fact]
    public async Task The_standard_rate_needs_no_confirmation_of_the_condition()
    {
        var schedule = await app.ScheduleAsync();
        var body = BookingBodies.Booking(schedule.Slots[0].Id, rate: "standard");
        body["confirmsCondition"] = false;

        var booked = await app.CreateClient().BookOkAsync(body);

        Assert.Equal(Rate.Standard, booked.Rate);
    }

    [Fact]
    public async Task The_price_is_the_symposia_reduced_or_standard_rate()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();

        var reduced = await client.BookOkAsync(BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail(), rate: "reduced"));
        var standard = await client.BookOkAsync(BookingBodies.Booking(schedule.Slots[1].Id, BookingSeed.UniqueEmail(), rate: "standard"));

        Assert.Equal((schedule.Symposium.ReducedRateCents, "USD"), (reduced.PriceCents, reduced.Currency));
        Assert.Equal((schedule.Symposium.StandardRateCents, "USD"), (standard.PriceCents, standard.Currency));
        Assert.Equal((2500, 6000), (schedule.Symposium.ReducedRateCents, schedule.Symposium.StandardRateCents));
        Assert.Equal(2500, (await app.BookingRowAsync(reduced.Id)).PriceCents);
        Assert.Equal(6000, (await app.BookingRowAsync(standard.Id)).PriceCents);
    }

    [Fact]
    public async Task An_organizers_change_to_the_symposium_applies_from_the_very_next_booking()
    {
        // The booking path keeps each symposium it has read, per row version (docs/adr/0030): a change must not wait.
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        var before = await client.BookOkAsync(BookingBodies.Booking(schedule.Slots[0].Id, BookingSeed.UniqueEmail(), rate: "standard"));
        await using (var db = app.OpenDb())
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE symposia SET standard_rate_cents = 6500 WHERE id = {schedule.Id}", TestContext.Current.CancellationToken);
        }

        var after = await client.BookOkAsync(BookingBodies.Booking(schedule.Slots[1].Id, BookingSeed.UniqueEmail(), rate: "standard"));

        Assert.Equal((6000, 6500), (before.PriceCents, after.PriceCents));
        Assert.Equal(6500, (await app.BookingRowAsync(after.Id)).PriceCents);
    }

    [Fact]
    public async Task The_reduced_rate_limit_counts_one_person_however_their_email_is_written()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        await client.BookOkAsync(BookingBodies.Booking(schedule.Slots[0].Id, "Noor.Haddad@Example.org", rate: "reduced"));

        foreach (var (variant, slot) in new[] { "noor.haddad@example.org", "  NOOR.HADDAD@EXAMPLE.ORG  ", "noor.Haddad@example.ORG " }.Zip(schedule.Slots.Skip(1)))
        {
            var problem = await AssertRefusedAsync(
                BookingBodies.Booking(slot.Id, variant, rate: "reduced"), HttpStatusCode.UnprocessableEntity, "booking.reduced_rate_limit");
            Assert.Contains("standard rate", problem.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Standard_rate_bookings_are_not_limited_even_after_the_reduced_allowance_is_used()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        const string email = "lena.berg@example.org";
        await client.BookOkAsync(BookingBodies.Booking(schedule.Slots[0].Id, email, rate: "reduced"));

        foreach (var slot in schedule.Slots.Skip(1).Take(4))
        {
            await client.BookOkAsync(BookingBodies.Booking(slot.Id, email, rate: "standard"));
        }

        await using var db = app.OpenDb();
        Assert.Equal(5, await db.Bookings.CountAsync(b => b.SymposiumId == schedule.Id && b.NormalizedEmail == email, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Cancelling_a_reduced_rate_booking_gives_the_allowance_back()
    {
        var schedule = await app.ScheduleAsync();
        var client = app.CreateClient();
        const string email = "omar.said@example.org";
        var first = await client.BookOkAsync(BookingBodies.Booking(schedule.Slots[0].Id, email, rate: "reduced"));
        await AssertRefusedAsync(BookingBodies.Booking(schedule.Slots[1].Id, email, rate: "reduced"), HttpStatusCode.UnprocessableEntity, "booking.reduced_rate_limit");

        var cancelled = await client.WithTokenAsync(HttpMethod.Post, $"/api/v1/bookings/{first.Id}/cancel", first.Token);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        var second = await client.BookOkAsync(BookingBodies.Booking(schedule.Slots[1].Id, email, rate: "reduced"));
        Assert.Equal(Rate.Reduced, second.Rate);
    }

    [Fact]
    public async Task The_reduced_rate_limit_is_per_symposium()
    {
        var thisYear = await app.ScheduleAsync();
        var nextYear = await app.ScheduleAsync();
        var client = app.CreateClient();
        const string email = "ivy.chen@example.org";

        await client.BookOkAsync(BookingBodies.Booking(thisYear.Slots[0].Id, email, rate: "reduced"));
        await client.BookOkAsync(BookingBodies.Booking(nextYear.Slots[0].Id, email, rate: "reduced"));
    }

    /// <summary>Sends the booking, expects the refusal, and checks nothing was written.</summary>
    private async Task<Problem> AssertRefusedAsync(Dictionary<string, object?> body, HttpStatusCode status, string code)
    {
        var before = await app.RowCountsAsync();

        var response = await app.CreateClient().BookAsync(body);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal((status, code), (problem.Status, problem.Code));
        Assert.Equal(before, await app.RowCountsAsync());
        return problem;
    }
}
