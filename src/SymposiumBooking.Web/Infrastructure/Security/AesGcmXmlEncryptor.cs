using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace SymposiumBooking.Web.Infrastructure.Security;

/// <summary>
/// Wraps each Data Protection key's secret XML with <see cref="KeyEncryptionKey"/> (AES-256-GCM) before it is stored.
/// The wrapped form names the key-encryption key by id; <see cref="AesGcmXmlDecryptor"/> reverses it.
/// </summary>
public sealed class AesGcmXmlEncryptor(KeyEncryptionKey kek) : IXmlEncryptor
{
    /// <summary>The element that replaces the plaintext secret inside the key's <c>encryptedSecret</c>.</summary>
    public static readonly XName Element = XName.Get("encryptedKey", "urn:symposium-booking:data-protection:aes-gcm:v1");

    /// <summary>Bound into the GCM tag, so a ciphertext made for another purpose with the same key is refused.</summary>
    internal const string Context = "SymposiumBooking.DataProtection.KeyRing.v1";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        try
        {
            var (nonce, ciphertext, tag) = kek.Seal(plaintext, Context);
            var wrapped = new XElement(Element,
                new XAttribute("kekId", kek.Id),
                new XElement(Element.Namespace + "nonce", Convert.ToBase64String(nonce)),
                new XElement(Element.Namespace + "ciphertext", Convert.ToBase64String(ciphertext)),
                new XElement(Element.Namespace + "tag", Convert.ToBase64String(tag)));
            return new EncryptedXmlInfo(wrapped, typeof(AesGcmXmlDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
