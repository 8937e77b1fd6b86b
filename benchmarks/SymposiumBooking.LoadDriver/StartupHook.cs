using System.Reflection;
using System.Runtime;

#pragma warning disable CA1050 // The runtime finds a startup hook by this exact name, outside any namespace.

/// <summary>
/// Loaded into the app's process by benchmarks/run.sh (<c>DOTNET_STARTUP_HOOKS</c>, before the app's <c>Main</c>): prints
/// the runtime settings the app actually runs with, so run.sh can check that the ones it hands the app by environment
/// variables took effect (docs/adr/0073). The GC mode is <see cref="GCSettings.IsServerGC"/>; the thread pool keeps what
/// it read from its switches (AppContext first, then <c>DOTNET_*</c>) in fields of its own, read here by reflection:
/// <c>PortableThreadPool.HillClimbing.IsDisabled</c> and its workers' semaphore's spin count. A name the runtime no
/// longer has prints as "unknown", and run.sh then refuses the run.
/// </summary>
public static class StartupHook
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;

    public static void Initialize()
    {
        var corelib = typeof(ThreadPool).Assembly;
        var hillClimbingDisabled = corelib.GetType("System.Threading.PortableThreadPool+HillClimbing")?.GetField("IsDisabled", Any)?.GetValue(null);
        var semaphore = corelib.GetType("System.Threading.PortableThreadPool+WorkerThread")?.GetField("s_semaphore", Any)?.GetValue(null);
        var spinLimit = semaphore?.GetType().GetFields(Any)
            .FirstOrDefault(f => f.Name.Contains("SpinCount", StringComparison.OrdinalIgnoreCase))?.GetValue(semaphore);
        Console.Error.WriteLine(
            $"bench-runtime: server GC {GCSettings.IsServerGC}, hill climbing disabled {hillClimbingDisabled ?? "unknown"}, " +
            $"spin limit {spinLimit ?? "unknown"}, {Environment.ProcessorCount} processors");
    }
}
