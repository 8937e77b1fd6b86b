using System.Runtime;

namespace SymposiumBooking.LoadDriver;

/// <summary>
/// Keeps the driver's own garbage collector out of a measured run: a full, compacting collection before it, then a
/// no-GC region with room for everything the run allocates (round 7 of docs/benchmarks.md as of 2fe336f). The driver shares two cores
/// with the app and PostgreSQL; a collection suspends all of its threads, and on a saturated machine its one GC thread
/// waits for a core, so what takes milliseconds on a quiet machine stopped every send and every answer for up to 290
/// ms in the middle of a rush. The run reports how many collections still happened (<see cref="RunSummary.DriverCollections"/>):
/// a run that allocates more than the region's room gets them back, and says so. It also reports the methods the
/// driver's JIT compiled during the run and the time it spent on them (<see cref="RunSummary.DriverJitMethods"/>): CPU
/// the instrument took from the machine it measures.
/// </summary>
internal static class DriverGc
{
    /// <summary>Room for a run's allocations, with a wide margin: a rush allocated 13–22 MB, a 5-second closed loop 25–72 MB.</summary>
    private const long Room = 512L * 1024 * 1024;

    public static async Task<RunSummary> WithoutCollectionsAsync(Func<Task<RunSummary>> run)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var region = TryStartRegion(); // itself a collection, before the count starts
        var before = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes();
        var (jitted, jitTime) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
        try
        {
            var summary = await run();
            return summary with
            {
                DriverCollections = GC.CollectionCount(0) - before,
                DriverAllocatedMb = (GC.GetTotalAllocatedBytes() - allocated) / (1024.0 * 1024),
                DriverJitMethods = JitInfo.GetCompiledMethodCount() - jitted,
                DriverJitMs = (JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds,
            };
        }
        finally
        {
            if (region && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }

    /// <summary>
    /// Waits until the driver's JIT has compiled nothing for half a second (at most <paramref name="atMost"/>): tiering
    /// promotes a method once it has been called 30 times (benchmarks/adr/0035), in the background, and after code that ran
    /// here for the first time (the rush on PostgreSQL alone, benchmarks/adr/0040) that backlog outlasted its rehearsal by a
    /// second of compile time, which the next measured run would have paid.
    /// </summary>
    public static async Task WaitForJitAsync(TimeSpan atMost, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + atMost;
        var (seen, quietSince) = (JitInfo.GetCompiledMethodCount(), DateTime.UtcNow);
        while (DateTime.UtcNow < deadline && DateTime.UtcNow - quietSince < TimeSpan.FromMilliseconds(500))
        {
            await Task.Delay(100, ct);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != seen)
            {
                (seen, quietSince) = (now, DateTime.UtcNow);
            }
        }
    }

    /// <summary>A runtime that cannot give the room runs the scenario with its collections, and the count shows them.</summary>
    private static bool TryStartRegion()
    {
        try
        {
            return GC.TryStartNoGCRegion(Room);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
