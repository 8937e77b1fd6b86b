using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Infrastructure.Security;

public static class DataProtectionSetup
{
    /// <summary>
    /// Data Protection keys live in PostgreSQL (shared by every instance), each one wrapped with the configured
    /// <see cref="KeyEncryptionKey"/> (docs/adr/0008).
    /// </summary>
    public static IServiceCollection AddWrappedDataProtection(this IServiceCollection services)
    {
        services.AddSingleton(sp => KeyEncryptionKey.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<KeyRingStartupCheck>();
        services.AddDataProtection().SetApplicationName("SymposiumBooking").PersistKeysToDbContext<BookingDb>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<KeyEncryptionKey>((o, kek) => o.XmlEncryptor = new AesGcmXmlEncryptor(kek));
        return services;
    }
}
