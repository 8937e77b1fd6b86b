using System.Diagnostics;
using Npgsql;
namespace SymposiumBooking.LoadDriver.Tests;

/// <summary>
/// The benchmark report's CPU time per answer (round 12 of docs/benchmarks.md as of 2fe336f) is read from Linux's <c>/proc</c>: what a
/// process and PostgreSQL do must show in it. Lower bounds only (other tests run at the same time and only add to the
/// counters), and work measured in CPU time, not in wall-clock time, so a busy machine cannot make them fail.
/// </summary>
public sealed class CpuTimeTests
{
    [Fact]
    public void The_work_of_the_process_it_watches_shows_as_the_apps_and_the_drivers_and_the_machines_cpu_time()
    {
        var cpu = new CpuTime(Environment.ProcessId); // this process stands for the app, and is the driver
        var before = cpu.Read();

        BurnCpu(TimeSpan.FromMilliseconds(200));
        var used = CpuTime.Since(before, cpu.Read());

        Assert.NotNull(used);
        Assert.InRange(used.DriverMs, 200, double.MaxValue);
        Assert.InRange(used.AppMs, 150, double.MaxValue); // counted in ticks of 10 ms
        Assert.InRange(used.MachineMs, 150, double.MaxValue);
    }

    [Fact]
    public async Task A_query_that_makes_postgresql_work_shows_as_postgresqls_cpu_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var cpu = new CpuTime(appPid: null);
        var before = cpu.Read();

        await using var connection = new NpgsqlConnection(BenchmarkApp.ServerDatabase(pooling: false));
        await connection.OpenAsync(ct);
        await using var work = new NpgsqlCommand("SELECT count(*) FROM generate_series(1, 3000000) g WHERE g % 7 = 3", connection);
        Assert.Equal(428_572L, (long)(await work.ExecuteScalarAsync(ct))!);

        var used = CpuTime.Since(before, cpu.Read()); // its backend still open, so counted as a running process

        Assert.NotNull(used);
        Assert.Equal(0, used.AppMs); // no app process given
        Assert.InRange(used.PostgresMs, 50, double.MaxValue);
    }

    /// <summary>Spins until this process has used <paramref name="cpu"/> of CPU time (not wall-clock time).</summary>
    private static void BurnCpu(TimeSpan cpu)
    {
        var process = Process.GetCurrentProcess();
        var until = process.TotalProcessorTime + cpu;
        var x = 0UL;
        while (true)
        {
            for (var i = 0; i < 100_000; i++)
            {
                x = (x * 6364136223846793005UL) + 1442695040888963407UL;
            }

            process.Refresh();
            if (process.TotalProcessorTime >= until)
            {
                break;
            }
        }

        GC.KeepAlive(x);
    }
}
