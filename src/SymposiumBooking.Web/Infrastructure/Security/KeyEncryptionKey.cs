using System.Security.Cryptography;
using System.Text;
using SettingName = SymposiumBooking.Web.Infrastructure.Settings.Setting;

namespace SymposiumBooking.Web.Infrastructure.Security;

/// <summary>
/// The 256-bit key that wraps the Data Protection key ring at rest (docs/adr/0008). It comes only from configuration:
/// a missing or malformed value stops the app, because the alternative is key material in plaintext in PostgreSQL.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const string Setting = "DataProtection:KeyEncryptionKey";
    public const string EnvironmentVariable = "DataProtection__KeyEncryptionKey";
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;

    private KeyEncryptionKey(byte[] key)
    {
        _key = key;
        // Not secret: a 64-bit prefix of the hash of a full-entropy key says nothing useful about the key.
        Id = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
    }

    /// <summary>Names the key in what it wrapped, so a ring can be matched to its key (and keys rotated later).</summary>
    public string Id { get; }

    public static KeyEncryptionKey FromConfiguration(IConfiguration config) => Parse(config[Setting]);

    public static KeyEncryptionKey Parse(string? base64) =>
        Problem(base64) is { } problem ? throw new InvalidOperationException(problem) : new KeyEncryptionKey(Convert.FromBase64String(base64!.Trim()));

    /// <summary>What is wrong with <paramref name="base64"/> as a key, in one line naming the setting; null when it is a key.</summary>
    public static string? Problem(string? base64)
    {
        const string Expected = "it must be the base64 of 32 random bytes, e.g. the output of 'head -c 32 /dev/urandom | base64'";
        if (string.IsNullOrWhiteSpace(base64))
        {
            return SettingName.Problem(Setting, $"is not set: {Expected}. It encrypts the Data Protection key ring at rest; the app does not start without it.");
        }

        var key = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), key, out var length))
        {
            return SettingName.Problem(Setting, $"is not valid base64: {Expected}.");
        }

        return length == KeyBytes ? null : SettingName.Problem(Setting, $"decodes to {length} bytes: {Expected}.");
    }

    /// <summary>
    /// A key for another use, derived from this one with HKDF-SHA256 and <paramref name="purpose"/> as its label: every
    /// replica configured with the same key-encryption key derives the same key, and what is derived says nothing about
    /// this key or about a key derived for another purpose (docs/adr/0111).
    /// </summary>
    public byte[] Derive(string purpose, int length) =>
        HKDF.Expand(HashAlgorithmName.SHA256, _key, length, Encoding.UTF8.GetBytes(purpose));

    /// <summary>AES-256-GCM with a fresh random nonce; <paramref name="context"/> is authenticated, not encrypted.</summary>
    public (byte[] Nonce, byte[] Ciphertext, byte[] Tag) Seal(ReadOnlySpan<byte> plaintext, string context)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagBytes];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(context));
        return (nonce, ciphertext, tag);
    }

    /// <summary>The plaintext; throws <see cref="CryptographicException"/> when anything was altered or the key differs.</summary>
    public byte[] Open(byte[] nonce, byte[] ciphertext, byte[] tag, string context)
    {
        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData(context));
        return plaintext;
    }

    private byte[] AssociatedData(string context) => Encoding.UTF8.GetBytes($"{context}|{Id}");
}

/// <summary>The <c>DataProtection</c> configuration section, checked at start (<see cref="KeyEncryptionKey.Problem"/>).</summary>
public sealed class DataProtectionSettings
{
    public string? KeyEncryptionKey { get; set; }
}
