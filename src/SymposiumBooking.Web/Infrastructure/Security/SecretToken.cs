using System.Security.Cryptography;
using System.Text;

namespace SymposiumBooking.Web.Infrastructure.Security;

/// <summary>
/// Bearer secrets for attendees and feeds: 256 bits from the OS CSPRNG, URL-safe. Only the SHA-256 of a token is
/// stored, so a database leak does not hand out working links. A plain hash suffices: the token has full entropy.
/// </summary>
public static class SecretToken
{
    public static (string Token, string Hash) Create()
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
