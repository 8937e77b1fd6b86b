using System.Collections.Concurrent;

namespace SymposiumBooking.Web.Infrastructure.Auth;

public sealed class SignInOptions
{
    /// <summary>Failed sign-ins one client address may make per window before it gets 429.</summary>
    public int FailuresPerWindow { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Counts failed sign-ins per client address in a fixed window, on the injected clock. Only failures count, so
/// staff who sign in correctly are never slowed down. Per-account lockout (Identity) stops guessing one password
/// from many addresses; this stops one address from trying many accounts. It lives in memory: with several
/// servers each one counts its own.
/// </summary>
public sealed class FailedSignInLimiter(TimeProvider clock, Microsoft.Extensions.Options.IOptions<SignInOptions> options)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    /// <summary>How long <paramref name="client"/> must wait, or null when it may try now.</summary>
    public TimeSpan? WaitFor(string client)
    {
        var now = clock.GetUtcNow();
        if (!_windows.TryGetValue(client, out var window) || window.EndsAt <= now)
        {
            return null;
        }

        return window.Failures >= options.Value.FailuresPerWindow ? window.EndsAt - now : null;
    }

    public void RecordFailure(string client)
    {
        var now = clock.GetUtcNow();
        _windows.AddOrUpdate(
            client,
            _ => new Window(now + options.Value.Window, 1),
            (_, w) => w.EndsAt <= now ? new Window(now + options.Value.Window, 1) : w with { Failures = w.Failures + 1 });
        if (_windows.Count > 10_000)
        {
            foreach (var (key, w) in _windows)
            {
                if (w.EndsAt <= now)
                {
                    _windows.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed record Window(DateTimeOffset EndsAt, int Failures);
}
