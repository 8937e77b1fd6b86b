using Microsoft.AspNetCore.Identity;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Web.Infrastructure.Auth;

/// <summary>Creates staff sign-ins with a role; used for the bootstrap organizer, demo data and staff invitations.</summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, RoleManager<IdentityRole<Guid>> roles)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role)));
            }
        }
    }

    /// <summary>Finds the account for <paramref name="email"/> or creates it; makes sure it has <paramref name="role"/>.</summary>
    public async Task<StaffUser> EnsureAsync(string email, string displayName, string role, string? password)
    {
        var ensured = await TryEnsureAsync(email, displayName, role, password);
        return ensured.IsSuccess
            ? ensured.Value
            : throw new InvalidOperationException("Could not set up a staff account: " + ensured.Error.Message);
    }

    /// <summary>
    /// As <see cref="EnsureAsync"/>, but an address or password Identity refuses is a 400, not an exception. A removed
    /// account invited again is restored, without a password: the invitation sets one (docs/adr/0125).
    /// </summary>
    public async Task<Result<StaffUser>> TryEnsureAsync(string email, string displayName, string role, string? password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return Error.Invalid("staff.account_refused", "email", string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        else if (user.RemovedAt is not null)
        {
            user.RemovedAt = null;
            user.DisplayName = displayName;
            Check(await users.UpdateAsync(user));
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role));
        }

        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "Could not set up a staff account: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
