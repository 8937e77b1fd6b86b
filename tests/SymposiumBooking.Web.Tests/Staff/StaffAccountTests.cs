using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using SymposiumBooking.Web.Tests.Therapists;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Staff;

/// <summary>What the staff tests share: accounts made quickly, mailed links followed.</summary>
public static partial class StaffCalls
{
    public const string StaffPath = "/api/v1/staff";
    public const string Password = "Staff-Password-long-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An organizer invited through the API who then chose <see cref="Password"/> (as the mailed link would).</summary>
    public static async Task<(string Email, Guid Id)> ActiveOrganizerAsync(this BookingApp app, HttpClient organizer, string name = "Olga Organizer")
    {
        var email = UniqueEmail(name);
        var invited = await organizer.PostJsonAsync($"{StaffPath}/organizers", new { name, email }).ExpectAsync(HttpStatusCode.Created);
        var id = Guid.Parse(invited.Id());
        if (app is InboxApp inbox)
        {
            await inbox.SendWholeOutboxAsync(); // the invitation goes out before the password is chosen, as in life
        }

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.True((await users.AddPasswordAsync((await users.FindByIdAsync(id.ToString()))!, Password)).Succeeded);
        return (email, id);
    }

    /// <summary>The set-password link of the one mail to <paramref name="address"/> whose subject has <paramref name="subject"/>.</summary>
    public static string LinkIn(this InboxApp app, string address, string subject) =>
        MailedLinks.PathIn(Assert.Single(app.MailsTo(address), m => m.Subject?.Contains(subject, StringComparison.Ordinal) == true), SetPasswordLink());

    public const string InvitationSubject = "Your staff account";
    public const string ResetSubject = "Reset your password";

    /// <summary>The email and token a set-password link carries.</summary>
    public static (string Email, string Token) LinkParts(string link)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), link).Query);
        return (query["email"].ToString(), query["token"].ToString());
    }

    public static Task<HttpResponseMessage> ConfirmResetAsync(this HttpClient client, string link, string password)
    {
        var (email, token) = LinkParts(link);
        return client.PostJsonAsync("/api/v1/auth/password-reset/confirm", new { email, token, password });
    }

    public static async Task<string> StatusOfAsync(this HttpClient organizer, Guid id)
    {
        var list = await organizer.GetFromJsonAsync<JsonElement>(StaffPath, Ct);
        return list.EnumerateArray().Single(a => a.Id() == id.ToString()).Text("status");
    }

    public static HttpClient WithBearer(this BookingApp app, string accessToken)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    [GeneratedRegex(@"https://\S+/account/set-password\?\S+")]
    public static partial Regex SetPasswordLink();
}

/// <summary>Organizers invite organizers, send invitations again and remove accounts (docs/organizers.md "Staff accounts").</summary>
public sealed class StaffAccountTests(InboxApp app) : IClassFixture<InboxApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_invited_organizer_is_mailed_a_link_that_sets_their_password_and_signs_them_in_as_organizer()
    {
        var organizer = await app.SignedInClientAsync();
        var email = UniqueEmail("nora");

        var invited = await organizer.PostJsonAsync($"{StaffCalls.StaffPath}/organizers", new { name = "Nora Novak", email })
            .ExpectAsync(HttpStatusCode.Created);
        await app.SendWholeOutboxAsync();

        Assert.Equal(("invited", "organizer"), (invited.Text("status"), invited.GetProperty("roles")[0].GetString()));
        var link = app.LinkIn(email, StaffCalls.InvitationSubject);
        await app.CreateClient().ConfirmResetAsync(link, "Nora-chooses-a-password").ExpectAsync(HttpStatusCode.NoContent);
        var nora = await app.SignedInClientAsync(email, "Nora-chooses-a-password");
        await nora.SendGetAsync(StaffCalls.StaffPath).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("active", await organizer.StatusOfAsync(Guid.Parse(invited.Id())));
        var row = Assert.Single(await app.AboutAsync(Guid.Parse(invited.Id()), "InviteOrganizer"));
        Assert.Equal(await app.StaffUserIdAsync(BookingApp.OrganizerEmail), row.StaffUserId);
    }

    [Fact]
    public async Task Inviting_is_refused_for_an_existing_organizer_a_bad_address_a_therapist_and_anyone_signed_out()
    {
        var organizer = await app.SignedInClientAsync();
        var (email, _) = await app.ActiveOrganizerAsync(organizer);
        var therapist = await app.TherapistClientAsync(organizer, await organizer.CreateSymposiumIdAsync(2051));
        var path = $"{StaffCalls.StaffPath}/organizers";

        await app.RefusesAsync(() => organizer.PostJsonAsync(path, new { name = "Again", email }), HttpStatusCode.Conflict, "staff.already_organizer");
        await app.RefusesAsync(() => organizer.PostJsonAsync(path, new { name = "X", email = "not-an-address" }), HttpStatusCode.BadRequest, "request.invalid");
        Assert.Equal(HttpStatusCode.Forbidden, (await therapist.PostJsonAsync(path, new { name = "X", email = UniqueEmail() })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostJsonAsync(path, new { name = "X", email = UniqueEmail() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await therapist.SendGetAsync(StaffCalls.StaffPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendGetAsync(StaffCalls.StaffPath)).StatusCode);
    }

    [Fact]
    public async Task A_therapists_invitation_sent_again_carries_a_new_link_and_the_old_one_stops_working()
    {
        var organizer = await app.SignedInClientAsync();
        var symposium = await organizer.CreateSymposiumIdAsync(2052);
        var email = UniqueEmail("theo");
        await organizer.AddTherapistAsync(symposium, "Theo Therapist", email);
        await app.SendWholeOutboxAsync();
        var first = app.LinkIn(email, "You are a therapist");
        var id = await app.StaffUserIdAsync(email);

        var resent = await organizer.PostEmptyAsync($"{StaffCalls.StaffPath}/{id}/resend-invitation").ExpectAsync(HttpStatusCode.OK);
        await app.SendWholeOutboxAsync();
        var second = app.LinkIn(email, StaffCalls.InvitationSubject);

        Assert.Equal("invited", resent.Text("status"));
        Assert.Equal(2, app.MailsTo(email).Count);
        Assert.NotEqual(first, second);
        await app.CreateClient().ConfirmResetAsync(first, "Theo-password-first").ProblemAsync(HttpStatusCode.BadRequest, "auth.reset_link_invalid");
        await app.CreateClient().ConfirmResetAsync(second, "Theo-password-second").ExpectAsync(HttpStatusCode.NoContent);
        await app.SignedInClientAsync(email, "Theo-password-second");
        Assert.Single(await app.AboutAsync(id, "ResendInvitation"));

        // Once the password is chosen there is no invitation to send; an unknown account is not found.
        await app.RefusesAsync(() => organizer.PostEmptyAsync($"{StaffCalls.StaffPath}/{id}/resend-invitation"), HttpStatusCode.Conflict, "staff.already_active");
        await app.RefusesAsync(() => organizer.PostEmptyAsync($"{StaffCalls.StaffPath}/{Guid.NewGuid()}/resend-invitation"), HttpStatusCode.NotFound, "staff.not_found");
    }

    [Fact]
    public async Task A_removed_account_cannot_sign_in_its_tokens_end_and_its_past_actions_still_name_it()
    {
        var organizer = await app.SignedInClientAsync();
        var (email, id) = await app.ActiveOrganizerAsync(organizer, "Rita Removed");
        var rita = await app.SignedInClientAsync(email, StaffCalls.Password);
        var symposium = await rita.CreateSymposiumIdAsync(2053);
        await rita.SetPolicyAsync(symposium, "2053-05-01T09:00", "2053-06-12T17:00");

        await organizer.SendDeleteAsync($"{StaffCalls.StaffPath}/{id}").ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, (await rita.SendGetAsync("/api/v1/auth/me")).StatusCode);
        await app.CreateClient().PostJsonAsync("/api/v1/auth/login", new { email, password = StaffCalls.Password })
            .ProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        Assert.Equal("removed", await organizer.StatusOfAsync(id));
        var log = await organizer.GetFromJsonAsync<JsonElement>($"/api/v1/staff-actions?targetId={symposium}", Ct);
        Assert.All(log.EnumerateArray(), a => Assert.Equal(email, a.Text("staffEmail")));
        Assert.Equal([id], (await app.AboutAsync(id, "RemoveStaffAccount")).SelectMany(a => a.TargetIds));

        // Removed once; a forgotten-password request for it mails nothing.
        await app.RefusesAsync(() => organizer.SendDeleteAsync($"{StaffCalls.StaffPath}/{id}"), HttpStatusCode.Conflict, "staff.removed");
        await app.RefusesAsync(() => organizer.PostEmptyAsync($"{StaffCalls.StaffPath}/{id}/resend-invitation"), HttpStatusCode.Conflict, "staff.removed");
        await app.CreateClient().PostJsonAsync("/api/v1/auth/password-reset", new { email }).ExpectAsync(HttpStatusCode.Accepted);
        await app.SendWholeOutboxAsync();
        Assert.DoesNotContain(app.MailsTo(email), m => m.Subject?.StartsWith(StaffCalls.ResetSubject, StringComparison.Ordinal) == true);

        // Invited again, the account comes back without a password: the new invitation sets one.
        var back = await organizer.PostJsonAsync($"{StaffCalls.StaffPath}/organizers", new { name = "Rita Back", email }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal((id.ToString(), "invited"), (back.Id(), back.Text("status")));
    }

    [Fact]
    public async Task An_organizer_cannot_remove_their_own_account_nor_an_unknown_one_and_a_therapist_cannot_remove_any()
    {
        var organizer = await app.SignedInClientAsync();
        var (email, id) = await app.ActiveOrganizerAsync(organizer);
        var other = await app.SignedInClientAsync(email, StaffCalls.Password);
        var therapist = await app.TherapistClientAsync(organizer, await organizer.CreateSymposiumIdAsync(2054));

        await app.RefusesAsync(() => other.SendDeleteAsync($"{StaffCalls.StaffPath}/{id}"), HttpStatusCode.Conflict, "staff.cannot_remove_self");
        await app.RefusesAsync(() => organizer.SendDeleteAsync($"{StaffCalls.StaffPath}/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "staff.not_found");
        Assert.Equal(HttpStatusCode.Forbidden, (await therapist.SendDeleteAsync($"{StaffCalls.StaffPath}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendDeleteAsync($"{StaffCalls.StaffPath}/{id}")).StatusCode);
        Assert.Equal("active", await organizer.StatusOfAsync(id));
    }
}

/// <summary>Two organizers, alone in their app, remove each other at the same moment.</summary>
public sealed class LastOrganizerRaceTests(InboxApp app) : IClassFixture<InboxApp>
{
    [Fact]
    public async Task When_the_only_two_organizers_remove_each_other_at_once_one_of_them_remains()
    {
        var first = await app.SignedInClientAsync();
        var (email, secondId) = await app.ActiveOrganizerAsync(first);
        var second = await app.SignedInClientAsync(email, StaffCalls.Password);
        var firstId = await app.StaffUserIdAsync(BookingApp.OrganizerEmail);

        var answers = await Task.WhenAll(
            first.SendDeleteAsync($"{StaffCalls.StaffPath}/{secondId}"),
            second.SendDeleteAsync($"{StaffCalls.StaffPath}/{firstId}"));

        // One removal wins; the other is refused: as the last organizer (it waited on the lock) or because the
        // remover's own session had already ended.
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        var refused = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.NoContent);
        Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.Unauthorized });
        if (refused.StatusCode == HttpStatusCode.Conflict)
        {
            Assert.Equal("staff.last_organizer", (await Problem.ReadAsync(refused)).Code);
        }

        await using var db = app.OpenDb();
        var organizers = (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          join u in db.Users on ur.UserId equals u.Id
                          where r.Name == Roles.Organizer && u.RemovedAt == null
                          select u.Id).Count();
        Assert.Equal(1, organizers);
    }
}
