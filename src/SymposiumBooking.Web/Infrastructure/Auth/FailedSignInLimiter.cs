using SymposiumBooking.Web.Infrastructure.Settings;

namespace SymposiumBooking.Web.Infrastructure.Auth;

public sealed class SignInOptions
{
    /// <summary>Failed sign-ins one client address may make per window before it gets 429.</summary>
    public int FailuresPerWindow { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed sign-ins for one (account, address) pair answered without a wait; after that each waits longer.</summary>
    public int FreeFailuresPerAccount { get; set; } = 3;

    /// <summary>The wait after the last free failure; it doubles with each further failure, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a pair's failures are remembered after its last one.</summary>
    public TimeSpan AccountMemory { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A staff session (cookie or bearer token) ends this long after sign-in, however active it was.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A page session ends after this long without a request (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(4);

    public static IEnumerable<string?> Problems(SignInOptions o, SettingsContext context) =>
    [
        Setting.AtLeast("SignIn:FailuresPerWindow", o.FailuresPerWindow, 1),
        Setting.Positive("SignIn:Window", o.Window),
        Setting.AtLeast("SignIn:FreeFailuresPerAccount", o.FreeFailuresPerAccount, 0),
        Setting.Positive("SignIn:FirstDelay", o.FirstDelay),
        o.MaxDelay >= o.FirstDelay ? null : Setting.Problem("SignIn:MaxDelay", "must not be shorter than SignIn:FirstDelay"),
        Setting.Positive("SignIn:AccountMemory", o.AccountMemory),
        Setting.Positive("SignIn:SessionLifetime", o.SessionLifetime),
        Setting.Positive("SignIn:IdleTimeout", o.IdleTimeout),
    ];
}

/// <summary>
/// Slows password guessing without ever locking an account (docs/adr/0048). Two limits, on the injected clock:
/// per client address, a fixed window of failed attempts (one address trying many accounts); per (account,
/// address) pair, a wait that doubles with each failure past a few free ones (one address guessing one account).
/// The account is the address typed, so an unknown account is limited exactly as a real one, and the owner
/// signing in from another address is never slowed by someone else's failures.
/// <para>
/// An attempt is counted when it begins (<see cref="TryBegin"/>) and taken back when it succeeds
/// (<see cref="Succeeded"/>): parallel guesses cannot all slip through before the first failure is recorded.
/// One lock guards both tables; sign-ins are rare. It lives in memory: with several servers each counts its own.
/// </para>
/// </summary>
public sealed class FailedSignInLimiter(TimeProvider clock, Microsoft.Extensions.Options.IOptions<SignInOptions> options)
{
    private const int PurgeAbove = 10_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AddressWindow> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Account, string Client), Pair> _pairs = [];

    /// <summary>
    /// Null when <paramref name="client"/> may try <paramref name="account"/> now (the attempt is then counted as a
    /// failure until <see cref="Succeeded"/>), or how long it must wait.
    /// </summary>
    public TimeSpan? TryBegin(string client, string account)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var window = _addresses.TryGetValue(client, out var w) && w.EndsAt > now ? w : new AddressWindow(now + o.Window, 0);
            var pair = _pairs.TryGetValue((account, client), out var p) && p.LastFailure + o.AccountMemory > now ? p : new Pair(0, now, now);
            var wait = Max(window.Failures >= o.FailuresPerWindow ? window.EndsAt - now : TimeSpan.Zero, pair.BlockedUntil - now);
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            var failures = pair.Failures + 1;
            var delay = failures < o.FreeFailuresPerAccount ? TimeSpan.Zero : Delay(o, failures - o.FreeFailuresPerAccount);
            _addresses[client] = window with { Failures = window.Failures + 1 };
            _pairs[(account, client)] = new Pair(failures, now, now + delay);
            Purge(now, o);
            return null;
        }
    }

    /// <summary>The attempt begun by <see cref="TryBegin"/> succeeded: it is not a failure, and the pair starts over.</summary>
    public void Succeeded(string client, string account)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            _pairs.Remove((account, client));
            if (_addresses.TryGetValue(client, out var w) && w.EndsAt > now && w.Failures > 0)
            {
                _addresses[client] = w with { Failures = w.Failures - 1 };
            }
        }
    }

    private static TimeSpan Delay(SignInOptions o, int step)
    {
        var ticks = o.FirstDelay.Ticks * Math.Pow(2, Math.Min(step, 40));
        return ticks >= o.MaxDelay.Ticks ? o.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void Purge(DateTimeOffset now, SignInOptions o)
    {
        if (_addresses.Count > PurgeAbove)
        {
            foreach (var key in _addresses.Where(e => e.Value.EndsAt <= now).Select(e => e.Key).ToList())
            {
                _addresses.Remove(key);
            }
        }

        if (_pairs.Count > PurgeAbove)
        {
            foreach (var key in _pairs.Where(e => e.Value.LastFailure + o.AccountMemory <= now).Select(e => e.Key).ToList())
            {
                _pairs.Remove(key);
            }
        }
    }

    private sealed record AddressWindow(DateTimeOffset EndsAt, int Failures);

    private sealed record Pair(int Failures, DateTimeOffset LastFailure, DateTimeOffset BlockedUntil);
}
