namespace SymposiumBooking.LoadDriver.Tests;

/// <summary>
/// The benchmark's rush (benchmarks/, docs/benchmarks.md) in small, inside the suite: the load driver's own rush code
/// against the app, then its invariant checker on the driver's log and the final database. Invariants only: speed is
/// measured by benchmarks/run.sh, never asserted here.
/// </summary>
public sealed class RushSmokeTests(BenchmarkApp app) : IClassFixture<BenchmarkApp>
{
    [Fact]
    public async Task A_rush_of_a_hundred_attendees_for_thirty_two_slots_sells_out_without_5xx_or_broken_invariants()
    {
        var ct = TestContext.Current.CancellationToken;
        var (log, summary, state, _) = await RushAsync(therapists: 4, attendees: 100, ct);

        Assert.Equal(0, summary.ServerErrors);
        Assert.Empty(InvariantChecker.Check(log.Records, state));
        Assert.Equal(32, summary.Statuses.GetValueOrDefault(201));
        Assert.Equal(32, state.Bookings.Count(b => b.Status == "Confirmed"));
        Assert.All(summary.Statuses.Keys, status => Assert.Contains(status, new[] { 201, 409 }));
        // The moment it sold out was seen (the report's CPU time until then, round 12 of docs/benchmarks.md as of 2fe336f): the answers
        // until then hold the 32 201s and at most every answer.
        Assert.InRange(summary.AnswersUntilSoldOut ?? 0, 32, summary.Requests);
    }

    [Fact]
    public async Task The_same_rush_sent_straight_to_PostgreSQL_with_the_apps_statements_sells_out_without_broken_invariants()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, _, bookedByTheApp) = await RushAsync(therapists: 1, attendees: 20, ct); // its ciphertexts are reused

        var symposium = await app.SymposiumAsync(therapists: 4, ct);
        var log = new RequestLog();
        await using var direct = await DirectBookings.OpenAsync(app.ConnectionString, bookedByTheApp, log, ct);
        var summary = await BookingLoad.RushAsync(
            direct, "smoke-pg", $"smokepg{Guid.NewGuid():N}", symposium.SymposiumId, symposium.Slots, 100, TimeSpan.FromSeconds(1), seed: 7, ct);
        var state = await InvariantChecker.ReadAsync(app.ConnectionString, symposium.SymposiumId, ct);

        Assert.Empty(InvariantChecker.Check(log.Records, state));
        Assert.Equal(32, summary.Statuses.GetValueOrDefault(201));
        Assert.Equal(32, state.Bookings.Count(b => b.Status == "Confirmed"));
        Assert.All(summary.Statuses.Keys, status => Assert.Contains(status, new[] { 201, 409 }));
    }

    [Fact]
    public async Task The_checker_reports_a_double_booked_slot_a_reduced_rate_over_the_cap_a_lost_201_and_an_unannounced_booking()
    {
        var ct = TestContext.Current.CancellationToken;
        var (log, _, state, _) = await RushAsync(therapists: 1, attendees: 20, ct);
        var records = log.Records;
        Assert.Empty(InvariantChecker.Check(records, state));
        var booked = state.Bookings[0];
        var other = state.Bookings[1];

        // A second active booking on a taken slot (what the partial unique index forbids).
        var doubled = state with { Bookings = [.. state.Bookings, booked with { Id = Guid.NewGuid() }] };
        Assert.Contains(InvariantChecker.Check(records, doubled), v => v.Contains($"slot {booked.SlotId} has 2 active bookings", StringComparison.Ordinal));

        // One person holding two reduced-rate bookings with a cap of 1.
        var greedy = state with
        {
            Bookings = [.. state.Bookings.Select(b => b.Id == booked.Id || b.Id == other.Id ? b with { Rate = "Reduced", NormalizedEmail = "greedy@example.org" } : b)],
        };
        Assert.Contains(InvariantChecker.Check(records, greedy), v => v.Contains("greedy@example.org has 2 active reduced-rate bookings", StringComparison.Ordinal));

        // A 201 whose booking is not in the database.
        var lost = records.Append(records.First(r => r.Status == 201) with { Id = 999_999, BookingId = Guid.NewGuid() }).ToList();
        Assert.Contains(InvariantChecker.Check(lost, state), v => v.StartsWith("request 999999 got 201", StringComparison.Ordinal));

        // A booking row no request was told about.
        var silent = records.Where(r => r.BookingId != booked.Id).ToList();
        Assert.Contains(InvariantChecker.Check(silent, state), v => v.StartsWith($"booking {booked.Id} ", StringComparison.Ordinal));
    }

    private async Task<(RequestLog Log, RunSummary Summary, FinalState State, Guid Symposium)> RushAsync(int therapists, int attendees, CancellationToken ct)
    {
        var symposium = await app.SymposiumAsync(therapists, ct);
        var log = new RequestLog();
        var load = new BookingLoad(app.CreateClient(), log);
        var summary = await load.RushAsync(
            "smoke", $"smoke{Guid.NewGuid():N}", symposium.SymposiumId, symposium.Slots, attendees, TimeSpan.FromSeconds(1), seed: 7, ct);
        var state = await InvariantChecker.ReadAsync(app.ConnectionString, symposium.SymposiumId, ct);
        return (log, summary, state, symposium.SymposiumId);
    }
}
