using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Infrastructure.Security;

/// <summary>
/// Replicas that start together on an empty key ring make one key between them, not one each (docs/adr/0113). Data
/// Protection makes the ring's first key the first time it is used; two replicas doing that at once would each make
/// their own, and until its next refresh (a day later) neither could read what the other protected: intakes, stored
/// answers, manage links. So at start each replica loads its ring, or makes the first key, under a PostgreSQL advisory
/// lock: the second to take it finds the first's key. Registered before <c>AddDataProtection</c>, so it runs before
/// Data Protection's own start-up work.
/// </summary>
internal sealed class OneFirstKey(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        await db.Database.OpenConnectionAsync(cancellationToken); // the session that holds the lock
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock(hashtextextended('data-protection-first-key', 0))", cancellationToken);
            try
            {
                // Loads the ring, making its first key when there is none (stored through another context of the pool).
                services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SymposiumBooking.KeyRingStart.v1").Protect([1]);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtextextended('data-protection-first-key', 0))", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
