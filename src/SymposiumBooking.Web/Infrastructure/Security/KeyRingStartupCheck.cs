using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Infrastructure.Security;

/// <summary>
/// Stops the app before it serves anything when the key-encryption key is missing or malformed, or when the stored key
/// ring was wrapped with another one. Without this, Data Protection would log that it cannot read its keys, quietly
/// add a fresh key under the wrong key-encryption key, and sign everyone out.
/// Registered before <c>AddDataProtection</c>, so it runs before Data Protection's own start-up work.
/// </summary>
internal sealed class KeyRingStartupCheck(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var kek = services.GetRequiredService<KeyEncryptionKey>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        var rings = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(cancellationToken);
        var foreign = rings
            .Where(xml => !string.IsNullOrEmpty(xml))
            .SelectMany(xml => XElement.Parse(xml!).Descendants(AesGcmXmlEncryptor.Element))
            .Select(wrapped => (string?)wrapped.Attribute("kekId"))
            .FirstOrDefault(id => id != kek.Id);
        if (foreign is not null)
        {
            throw new InvalidOperationException(AesGcmXmlDecryptor.MismatchMessage(foreign, kek.Id));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
