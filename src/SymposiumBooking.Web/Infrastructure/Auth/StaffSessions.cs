using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SymposiumBooking.Web.Infrastructure.Auth;

/// <summary>
/// Whether a staff member's session — the page cookie or a bearer token, both carry the same claims — is still
/// current: signed in less than <see cref="SignInOptions.SessionLifetime"/> ago, and the account's security stamp is
/// the one it was issued with, and the account not removed. Sign-out, a password change or reset and removal replace the stamp, which ends every session and
/// token of that account at once. Checked against the database on every staff request (they are few).
/// </summary>
public sealed class StaffSessions(
    UserManager<StaffUser> users,
    IOptions<SignInOptions> options,
    IOptions<IdentityOptions> identity,
    TimeProvider clock)
{
    /// <summary>When the session began (Unix seconds); kept when the cookie slides, so the lifetime is absolute.</summary>
    public const string SignedInAtClaim = "symposium:signed_in_at";

    /// <summary>Stamps a new session's principal with the moment of sign-in.</summary>
    public void Begin(ClaimsPrincipal principal)
    {
        var identityOfUser = principal.Identities.First();
        foreach (var old in identityOfUser.FindAll(SignedInAtClaim).ToList())
        {
            identityOfUser.RemoveClaim(old);
        }

        identityOfUser.AddClaim(new Claim(SignedInAtClaim,
            clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
    }

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal? principal)
    {
        if (principal?.FindFirstValue(SignedInAtClaim) is not { } at
            || !long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || clock.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(seconds) + options.Value.SessionLifetime)
        {
            return false;
        }

        var user = await users.GetUserAsync(principal);
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return user is { RemovedAt: null } && stamp is not null
            && string.Equals(stamp, await users.GetSecurityStampAsync(user), StringComparison.Ordinal);
    }

    /// <summary>Ends every session and bearer token of the signed-in staff member (a new security stamp).</summary>
    public async Task EndAllAsync(ClaimsPrincipal principal)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            var updated = await users.UpdateSecurityStampAsync(user);
            if (!updated.Succeeded)
            {
                throw new InvalidOperationException("Could not end the sessions: " + string.Join("; ", updated.Errors.Select(e => e.Description)));
            }
        }
    }
}
