using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace SymposiumBooking.Web.Infrastructure.Auth;

/// <summary>
/// A password hash that belongs to no one, made once per process with the app's own hasher (so it costs what a real
/// account's hash costs). A sign-in for an unknown address, or for an account that has no password yet, verifies
/// against it: the answer takes as long as for a real account with a wrong password.
/// </summary>
public sealed class UnknownAccountPassword
{
    private static readonly StaffUser Nobody = new() { UserName = "nobody", DisplayName = "nobody" };
    private string? _hash;

    /// <summary>Does the work of checking <paramref name="password"/>; the answer is always no.</summary>
    public void Verify(IPasswordHasher<StaffUser> hasher, string password)
    {
        var hash = LazyInitializer.EnsureInitialized(ref _hash,
            () => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        _ = hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
