using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Infrastructure.Security;

public static class DataProtectionSetup
{
    /// <summary>
    /// Data Protection keys live in PostgreSQL (shared by every instance), each one wrapped with the configured
    /// <see cref="KeyEncryptionKey"/> (docs/adr/0008). New keys encrypt with AES-256-GCM, which costs half the CPU of the
    /// default AES-256-CBC with HMAC-SHA256 for every intake, stored answer and manage link (docs/adr/0038); a key made
    /// before keeps its own algorithm, so what it protected still reads.
    /// </summary>
    public static IServiceCollection AddWrappedDataProtection(this IServiceCollection services)
    {
        services.AddSingleton(sp => KeyEncryptionKey.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<KeyRingStartupCheck>();
        services.AddHostedService<OneFirstKey>(); // replicas starting together make one first key (docs/adr/0113)
        services.AddDataProtection()
            .SetApplicationName("SymposiumBooking")
            .PersistKeysToDbContext<BookingDb>()
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration { EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM });
        services.AddOptions<KeyManagementOptions>()
            .Configure<KeyEncryptionKey>((o, kek) => o.XmlEncryptor = new AesGcmXmlEncryptor(kek));
        return services;
    }
}
