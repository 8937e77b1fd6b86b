using System.Net;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Attendees;

/// <summary>The reduced-rate cap counts by the canonical address (docs/adr/0043), and its refusal tells nothing but that.</summary>
public sealed class ReducedRateAddressTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Theory]
    [InlineData("{0}+symposium@example.org", "{0}@example.org")]
    [InlineData("{0}@Example.org", "{0}+again@example.org")]
    [InlineData("a.{0}@gmail.com", "a{0}+x@googlemail.com")]
    public async Task A_second_reduced_rate_booking_from_the_same_mailbox_is_refused_and_the_refusal_shows_nothing_of_the_first(string firstAddress, string secondAddress)
    {
        var schedule = await app.ScheduleAsync(therapists: 2);
        var local = Guid.NewGuid().ToString("N")[..10];
        var client = app.CreateClient();
        var first = await client.BookOkAsync(BookingBodies.Booking(schedule.Slots[0].Id, string.Format(null, firstAddress, local), "reduced", name: "Victoria Private"));

        var refused = await client.BookAsync(BookingBodies.Booking(schedule.Slots[9].Id, string.Format(null, secondAddress, local), "reduced", name: "Mallory"));

        var problem = await Problem.ReadAsync(refused);
        var body = problem.Body.GetRawText();
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "booking.reduced_rate_limit"), (problem.Status, problem.Code));
        foreach (var secret in new[] { first.Id.ToString(), schedule.Slots[0].Id.ToString(), "Victoria", "Therapist 00", "9:00", "09:00", "T15:00", "Room B" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }

        // The standard rate is still open to them.
        Assert.Equal(HttpStatusCode.Created, (await client.BookAsync(BookingBodies.Booking(schedule.Slots[9].Id, string.Format(null, secondAddress, local), "standard"))).StatusCode);
    }
}
