using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace SymposiumBooking.Web.Infrastructure.Security;

/// <summary>
/// Unwraps what <see cref="AesGcmXmlEncryptor"/> wrapped. Data Protection creates decryptors itself from the type name
/// stored with each key, through a constructor taking <see cref="IServiceProvider"/>: keep that constructor, and keep
/// this type's name and namespace, or keys already stored can no longer be read.
/// </summary>
public sealed class AesGcmXmlDecryptor : IXmlDecryptor
{
    private readonly KeyEncryptionKey _kek;

    public AesGcmXmlDecryptor(IServiceProvider services)
        : this((services ?? throw new ArgumentNullException(nameof(services))).GetRequiredService<KeyEncryptionKey>())
    {
    }

    /// <summary>With a key-encryption key in hand, outside Data Protection (the key ring commands, <see cref="StoredKeyRing"/>).</summary>
    internal AesGcmXmlDecryptor(KeyEncryptionKey kek) => _kek = kek;

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (encryptedElement.Name != AesGcmXmlEncryptor.Element)
        {
            throw new CryptographicException($"Expected a <{AesGcmXmlEncryptor.Element.LocalName}> element, got <{encryptedElement.Name.LocalName}>.");
        }

        var kekId = (string?)encryptedElement.Attribute("kekId");
        if (kekId != _kek.Id)
        {
            throw new CryptographicException(MismatchMessage(kekId, _kek.Id));
        }

        var ns = AesGcmXmlEncryptor.Element.Namespace;
        var plaintext = _kek.Open(
            Part(encryptedElement, ns + "nonce"), Part(encryptedElement, ns + "ciphertext"), Part(encryptedElement, ns + "tag"),
            AesGcmXmlEncryptor.Context);
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    internal static string MismatchMessage(string? storedId, string configuredId) =>
        $"The Data Protection key ring was encrypted with the key-encryption key whose id is '{storedId}', but " +
        $"{KeyEncryptionKey.Setting} (env {KeyEncryptionKey.EnvironmentVariable}) has id '{configuredId}'. " +
        "Configure the key the ring was created with.";

    private static byte[] Part(XElement element, XName name) =>
        element.Element(name) is { } part
            ? Convert.FromBase64String(part.Value)
            : throw new CryptographicException($"The encrypted key has no <{name.LocalName}>.");
}
