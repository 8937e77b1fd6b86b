#:sdk Microsoft.NET.Sdk.Web
// What one Data Protection Protect call costs with the default algorithms (AES-256-CBC + HMAC-SHA256) and with
// AES-256-GCM, the app's choice for new keys (docs/adr/0038). Run: dotnet run -c Release benchmarks/data-protection/protect.cs
// Sizes: a manage token (43 characters), an intake (about 600), a stored booking answer (about 1,500).
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;

const int Calls = 20_000;
var keys = Directory.CreateTempSubdirectory("dp-bench-");
try
{
    // Each configuration twice, alternating, so that a noisy machine shows in the spread.
    foreach (var gcm in new[] { false, true, false, true })
    {
        var provider = DataProtectionProvider.Create(
            new DirectoryInfo(Path.Combine(keys.FullName, gcm ? "gcm" : "cbc")),
            builder =>
            {
                if (gcm)
                {
                    builder.UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration { EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM });
                }
            });
        var protector = provider.CreateProtector("benchmark");
        foreach (var size in new[] { 43, 600, 1500 })
        {
            var payload = new string('x', size);
            if (protector.Unprotect(protector.Protect(payload)) != payload)
            {
                throw new InvalidOperationException("the round trip changed the payload");
            }

            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Calls; i++)
            {
                protector.Protect(payload);
            }

            var perCall = watch.Elapsed.TotalMicroseconds / Calls;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(gcm ? "AES-256-GCM" : "AES-256-CBC + HMAC-SHA256"),-26} Protect({size,4} chars): {perCall,5:0.0} µs"));
        }
    }
}
finally
{
    keys.Delete(recursive: true);
}
