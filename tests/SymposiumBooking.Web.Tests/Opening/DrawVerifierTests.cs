using System.Text.Json.Nodes;
using NodaTime;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Opening;

namespace SymposiumBooking.Web.Tests.Opening;

/// <summary>
/// The verifier (tools/verify-draw.py), written apart from the C# draw, recomputes the same allocations on generated
/// symposia and request sets, and names the difference when the published result or seed was changed. A real draw
/// through the API is checked by it too.
/// </summary>
public sealed class DrawVerifierTests
{
    private static readonly LocalDate FirstDay = new(2027, 6, 11);

    [Theory]
    [InlineData(1, 40, 200)]
    [InlineData(2, 200, 500)]
    [InlineData(3, 600, 2500)]
    public async Task The_verifier_recomputes_the_allocations_the_draw_made(int seed, int slots, int requests)
    {
        var draw = Generate(new Random(seed), slots, requests);

        var result = await DrawVerifier.RunAsync(draw);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("OK", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_swapped_allocation_or_another_seed_is_found()
    {
        var draw = Generate(new Random(4), 60, 120);

        var swapped = await DrawVerifier.RunAsync(DrawVerifier.SwapTwoWinners(draw));
        var reseeded = await DrawVerifier.RunAsync(DrawVerifier.ChangeSeed(draw));

        Assert.True(swapped.ExitCode == 1, swapped.ToString());
        Assert.Contains("DIFFERENT: turn", swapped.Output, StringComparison.Ordinal);
        Assert.True(reseeded.ExitCode == 1, reseeded.ToString());
        Assert.Contains("does not match the commitment", reseeded.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_input_is_found_even_with_the_seed_intact()
    {
        var draw = Generate(new Random(5), 60, 120);
        var dropped = JsonNode.Parse(draw.ToJsonString())!;
        dropped["slots"]!.AsArray().RemoveAt(0);

        var result = await DrawVerifier.RunAsync(dropped);

        Assert.True(result.ExitCode == 1, result.ToString());
    }

    /// <summary>
    /// A symposium of a few days, therapists and half-hour slots (a fifth already gone), and requests of 0–5 choices of
    /// all three shapes, some naming slots that are gone, drawn by <see cref="Draw.Run"/> and published as the API does.
    /// </summary>
    private static JsonNode Generate(Random random, int slotCount, int requestCount)
    {
        var therapists = Enumerable.Range(0, Math.Max(2, slotCount / 40)).Select(_ => NextGuid(random)).ToList();
        var times = Enumerable.Range(0, 16).Select(i => new LocalTime(9, 0).PlusMinutes(30 * i)).ToList();
        var all = new List<DrawSlot>();
        while (all.Count < slotCount)
        {
            all.Add(new DrawSlot(NextGuid(random), FirstDay.PlusDays(random.Next(3)), times[random.Next(times.Count)], therapists[random.Next(therapists.Count)]));
        }

        var free = all.Where(_ => random.NextDouble() > 0.2).ToList();
        RequestedChoice Pick(DrawSlot s) => random.Next(3) switch
        {
            0 => new RequestedChoice(s.Id, null, null, null),
            1 => new RequestedChoice(null, s.Date, s.Start, null),
            _ => new RequestedChoice(null, s.Date, null, s.TherapistId),
        };
        var requests = Enumerable.Range(0, requestCount)
            .Select(_ => (Id: NextGuid(random), Choices: Enumerable.Range(0, random.Next(0, 6)).Select(_ => Pick(all[random.Next(all.Count)])).Distinct().ToList()))
            .ToList();

        var seedBytes = new byte[DrawSeed.Length];
        random.NextBytes(seedBytes);
        var seed = DrawSeed.FromHex(Convert.ToHexString(seedBytes))!;
        var allocations = Draw.Run(seed, free, [.. requests.Select(r => new DrawEntry(r.Id.ToString(), [.. r.Choices.Select(c => c.ToDrawChoice()!)]))]);

        var published = new PublishedDraw(
            [.. free.Select(s => new PublishedSlot(s.Id, ApiFormat.Date(s.Date), ApiFormat.TimeOfDay(s.Start), s.TherapistId))],
            [.. requests.Select(r => new PublishedRequest(r.Id, [.. r.Choices.Select(PublishedDraw.Choice)]))],
            [.. allocations.Select(a => new PublishedAllocation(Guid.Parse(a.RequestId), a.Position, a.SlotId, a.ChoiceRank))]);
        var view = JsonNode.Parse(published.ToJson())!;
        view["phase"] = "drawn";
        view["commitment"] = seed.Commitment;
        view["seed"] = seed.Hex;
        view["requestCount"] = requests.Count;
        view["allocatedCount"] = allocations.Count(a => a.Won);
        return view;
    }

    private static Guid NextGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
