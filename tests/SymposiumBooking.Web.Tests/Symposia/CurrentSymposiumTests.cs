using System.Net;
using System.Text.Json;
using NodaTime;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Symposia;

public sealed class CurrentSymposiumTests(BookingApp app) : IClassFixture<BookingApp>, IAsyncLifetime
{
    private Instant Now => Instant.FromDateTimeOffset(app.Clock.GetUtcNow());

    public async ValueTask InitializeAsync()
    {
        await using var db = app.OpenDb();
        db.Symposia.RemoveRange(db.Symposia);
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Without_a_published_symposium_current_is_a_404_problem_and_the_home_page_says_so()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = app.OpenDb())
        {
            db.Symposia.Add(Seed.Symposium(Now)); // a draft: attendees must not see it
            await db.SaveChangesAsync(ct);
        }

        var client = app.CreateClient();
        var problem = await Problem.ReadAsync(await client.GetAsync("/api/v1/symposia/current", ct));
        Assert.Equal(HttpStatusCode.NotFound, problem.Status);
        Assert.Equal("symposium.none_current", problem.Code);

        var home = await client.GetStringAsync("/", ct);
        Assert.Contains("No symposium is open for booking yet", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_published_symposium_is_current_with_local_times_and_minor_units()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = app.OpenDb())
        {
            db.Symposia.Add(Seed.Symposium(Now, Seed.Details(2027, "Chicago"), publish: true));
            await db.SaveChangesAsync(ct);
        }

        var client = app.CreateClient();
        var response = await client.GetAsync("/api/v1/symposia/current", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var current = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        Assert.Equal("Chicago", current.GetProperty("city").GetString());
        Assert.Equal("America/Chicago", current.GetProperty("timeZone").GetString());
        Assert.Equal("2027-06-11", current.GetProperty("startDate").GetString());
        Assert.Equal(2500, current.GetProperty("reducedRateCents").GetInt64());
        Assert.Equal("USD", current.GetProperty("currency").GetString());
        Assert.Equal("published", current.GetProperty("status").GetString());
        // 15:00 UTC on 25 November is 09:00 in Chicago (CST, UTC-6), written with its offset.
        Assert.Equal("2026-11-25T09:00:00-06:00", current.GetProperty("policy").GetProperty("bookingOpensAt").GetString());

        var home = await client.GetStringAsync("/", ct);
        Assert.Contains("Massage at the 2027 symposium in Chicago", home, StringComparison.Ordinal);
        Assert.Contains("25.00 USD", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upcoming_symposium_is_current_rather_than_one_that_has_ended()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = app.OpenDb())
        {
            // Set up and published back in January, before it took place.
            db.Symposia.Add(Seed.Symposium(Instant.FromUtc(2026, 1, 15, 12, 0), Seed.Details(2026, "Denver", "America/Denver") with
            {
                StartDate = new LocalDate(2026, 6, 12),
                EndDate = new LocalDate(2026, 6, 14),
            }, publish: true));
            db.Symposia.Add(Seed.Symposium(Now, Seed.Details(2027, "Lisbon", "Europe/Lisbon") with { Currency = "EUR" }, publish: true));
            await db.SaveChangesAsync(ct);
        }

        var current = await app.CreateClient().GetStringAsync("/api/v1/symposia/current", ct);

        Assert.Equal("Lisbon", JsonDocument.Parse(current).RootElement.GetProperty("city").GetString());
    }
}
