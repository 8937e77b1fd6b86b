using System.Security.Cryptography;

namespace SymposiumBooking.Domain.Opening;

/// <summary>
/// The draw's secret: 32 random bytes fixed when requests open. Only its <see cref="Commitment"/> (SHA-256, hex) is
/// published then; the seed itself is published after the draw, so anyone can check it is the one committed to and
/// recompute the order (docs/fair-opening.md).
/// </summary>
public sealed class DrawSeed
{
    public const int Length = 32;

    private readonly byte[] _bytes;

    private DrawSeed(byte[] bytes) => _bytes = bytes;

    /// <summary>The seed as lowercase hex: what is revealed after the draw.</summary>
    public string Hex => Convert.ToHexStringLower(_bytes);

    /// <summary>SHA-256 of the seed's bytes, lowercase hex: what is published when requests open.</summary>
    public string Commitment => Convert.ToHexStringLower(SHA256.HashData(_bytes));

    public static DrawSeed Create() => new(RandomNumberGenerator.GetBytes(Length));

    /// <summary>A seed read back from its <see cref="Hex"/>; null when the text is not 32 bytes of hex.</summary>
    public static DrawSeed? FromHex(string hex)
    {
        if (hex.Length != Length * 2)
        {
            return null;
        }

        try
        {
            return new DrawSeed(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Where a request stands in the draw's order: HMAC-SHA256 keyed with the seed over the request's public id
    /// (UTF-8). Nobody who does not know the seed can tell it, and the seed is fixed before the first request exists.
    /// </summary>
    public byte[] OrderKey(string requestId) => HMACSHA256.HashData(_bytes, System.Text.Encoding.UTF8.GetBytes(requestId));
}
