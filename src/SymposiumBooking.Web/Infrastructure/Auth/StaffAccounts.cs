using Microsoft.AspNetCore.Identity;

namespace SymposiumBooking.Web.Infrastructure.Auth;

/// <summary>Creates staff sign-ins with a role; used for the bootstrap organizer, demo data and therapist invitations.</summary>
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
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            Check(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password));
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
