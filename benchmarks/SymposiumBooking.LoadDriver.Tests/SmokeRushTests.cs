using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace SymposiumBooking.LoadDriver.Tests;

/// <summary>
/// The production smoke's rush (<see cref="SmokeRush"/>, docs/adr/0114) against the app in memory, through a handler
/// that loses answers and answers 502 as a proxy in front of a dying replica would: clients that retry with their own
/// Idempotency-Key converge, and the checks see it, or see what went wrong.
/// </summary>
public sealed partial class SmokeRushTests(BenchmarkApp app) : IClassFixture<BenchmarkApp>
{
    /// <summary>No waits between attempts: the app answers at once here.</summary>
    private static readonly RetryPolicy NoWaits = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(201, AnswerKind.Final)]
    [InlineData(409, AnswerKind.Final)]
    [InlineData(422, AnswerKind.Final)]
    [InlineData(429, AnswerKind.Final)]
    [InlineData(0, AnswerKind.Retry)]
    [InlineData(502, AnswerKind.Retry)]
    [InlineData(503, AnswerKind.Retry)]
    [InlineData(504, AnswerKind.Retry)]
    [InlineData(500, AnswerKind.Failed)]
    [InlineData(200, AnswerKind.Failed)]
    public void A_201_or_a_refusal_is_final_no_answer_or_a_gateway_error_is_tried_again_and_anything_else_fails(int status, AnswerKind kind) =>
        Assert.Equal(kind, RetryingBookings.Classify(status));

    [Fact]
    public async Task Clients_whose_answers_are_lost_or_refused_by_the_proxy_try_again_with_their_key_and_every_one_converges()
    {
        var ct = TestContext.Current.CancellationToken;
        var symposium = await app.SymposiumAsync(therapists: 2, ct); // 16 slots, three clients each
        var flaky = new LosesAnswers();
        using var http = app.CreateDefaultClient(flaky);
        var midwayRuns = 0;

        var result = await SmokeRush.RushAsync(
            _ => http, symposium, 48, TimeSpan.Zero, _ => Task.FromResult(Interlocked.Increment(ref midwayRuns) - 1), NoWaits, TimeProvider.System, ct);
        var violations = await SmokeRush.CheckAsync(app.ConnectionString, symposium, result, midwayExpected: true, ct);

        Assert.Empty(violations);
        Assert.Equal(1, midwayRuns);
        Assert.Equal(16, result.Answers.Count(a => a.Status == 201));
        Assert.All(result.Answers, a => Assert.Contains(a.Status, new[] { 201, 409 }));
        // Every client's first attempt was lost after the app answered it, or refused by the "proxy" before it got there.
        Assert.All(result.Answers, a => Assert.Equal(new[] { a.Client % 2 == 0 ? 0 : 502 }, a.Retried));
        Assert.Equal(16, result.Replays.Count(r => r.Status == 201));
    }

    [Fact]
    public async Task The_checks_find_a_client_without_a_final_answer_a_failed_midway_command_and_a_replay_that_named_another_booking()
    {
        var ct = TestContext.Current.CancellationToken;
        var symposium = await app.SymposiumAsync(therapists: 1, ct);
        using var http = app.CreateClient();
        var clean = await SmokeRush.RushAsync(_ => http, symposium, 24, TimeSpan.Zero, midway: null, NoWaits, TimeProvider.System, ct);
        Assert.Empty(await SmokeRush.CheckAsync(app.ConnectionString, symposium, clean, midwayExpected: false, ct));

        var booked = clean.Answers.First(a => a.Status == 201);
        var gaveUp = clean.Answers.First(a => a.Status == 409);
        var broken = clean with
        {
            Answers = [.. clean.Answers.Select(a => a.Client == gaveUp.Client ? a with { Status = 503, Attempts = 40 } : a)],
            Replays = [.. clean.Replays.Select(r => r.Client == booked.Client ? r with { BookingId = Guid.NewGuid() } : r)],
            MidwayExit = 137,
            MidwayAfter = 12,
        };
        var violations = await SmokeRush.CheckAsync(app.ConnectionString, symposium, broken, midwayExpected: true, ct);

        Assert.Contains(violations, v => v.StartsWith($"client {gaveUp.Client} ", StringComparison.Ordinal) && v.Contains("no final answer", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith($"client {booked.Client}'s request, sent again", StringComparison.Ordinal));
        Assert.Contains("the midway command exited 137", violations);
    }

    /// <summary>
    /// Every Idempotency-Key's first attempt goes wrong: for even clients the app books and the answer is lost on the
    /// way back (a replica killed after its commit); for odd ones a 502 without the app seeing it (a replica already gone).
    /// </summary>
    private sealed partial class LosesAnswers : DelegatingHandler
    {
        private readonly ConcurrentDictionary<string, int> _attempts = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Post || !request.Headers.TryGetValues("Idempotency-Key", out var keys))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var key = keys.Single();
            if (_attempts.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var client = int.Parse(ClientOf().Match(body).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (client % 2 == 1)
            {
                return new HttpResponseMessage(HttpStatusCode.BadGateway) { RequestMessage = request, Content = new StringContent("<html>502</html>") };
            }

            using var answered = await base.SendAsync(request, cancellationToken);
            await answered.Content.LoadIntoBufferAsync(cancellationToken);
            throw new HttpRequestException("The connection was reset after the app answered (test).");
        }

        /// <summary>The client's number in its email, <c>smoke{run}.{client}@smoke.example.org</c>.</summary>
        [GeneratedRegex(@"smoke[0-9a-f]{8}\.(\d+)@")]
        private static partial Regex ClientOf();
    }
}
