using System.Text.Json.Nodes;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Opening;

/// <summary>Runs tools/verify-draw.py (docs/fair-opening.md) on a published draw's JSON, as anyone would.</summary>
public static class DrawVerifier
{
    public static string Python => Environment.GetEnvironmentVariable("DRAW_VERIFY_PYTHON") is { Length: > 0 } p ? p : "python3";

    public static async Task<ProcessResult> RunAsync(JsonNode draw)
    {
        var file = Path.Combine(Path.GetTempPath(), $"draw-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, draw.ToJsonString(), TestContext.Current.CancellationToken);
        try
        {
            return await Processes.RunAsync(Python, [Path.Combine(RepoPaths.Root, "tools", "verify-draw.py"), file]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The draw with two winners' slots swapped: what a quiet change of the result would look like.</summary>
    public static JsonNode SwapTwoWinners(JsonNode draw)
    {
        var copy = JsonNode.Parse(draw.ToJsonString())!;
        var winners = copy["allocations"]!.AsArray().Where(a => a!["slotId"] is not null).Take(2).ToList();
        if (winners.Count < 2)
        {
            throw new InvalidOperationException("fewer than two winners to swap");
        }

        (winners[0]!["slotId"], winners[1]!["slotId"]) = (winners[1]!["slotId"]!.DeepClone(), winners[0]!["slotId"]!.DeepClone());
        return copy;
    }

    /// <summary>The draw with another seed put in place of the revealed one.</summary>
    public static JsonNode ChangeSeed(JsonNode draw)
    {
        var copy = JsonNode.Parse(draw.ToJsonString())!;
        var seed = copy["seed"]!.GetValue<string>();
        copy["seed"] = (seed[0] == '0' ? "1" : "0") + seed[1..];
        return copy;
    }
}
