using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Tests.Harness;
using static SymposiumBooking.Web.Tests.Organizers.OrganizerApi;

namespace SymposiumBooking.Web.Tests.Organizers;

/// <summary>Adding, listing and removing the therapists of a symposium (docs/organizers.md, "Therapists").</summary>
public sealed class TherapistTests(BookingApp app) : IClassFixture<BookingApp>
{
    private static int NextYear = 2060;

    [Fact]
    public async Task Adding_a_therapist_answers_201_creates_their_therapist_sign_in_and_queues_an_invitation_mail()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2031);
        var email = UniqueEmail("maria");
        int mailsBefore;
        await using (var db = app.OpenDb())
        {
            mailsBefore = await db.Outbox.CountAsync(m => m.Type.StartsWith("mail."), ct);
        }

        var response = await client.PostJsonAsync(TherapistsPath(id), Bodies.Therapist("Maria Keller", email));

        var added = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Maria Keller", added.Text("name"));
        Assert.Equal(email, added.Text("email"));
        Assert.False(string.IsNullOrEmpty(added.Id()));
        Assert.NotNull(response.Headers.Location);
        Assert.Contains($"/api/v1/symposia/{id}/therapists", response.Headers.Location.OriginalString, StringComparison.Ordinal);

        await using (var db = app.OpenDb())
        {
            var mails = await db.Outbox.Where(m => m.Type.StartsWith("mail.")).ToListAsync(ct);
            Assert.Equal(mailsBefore + 1, mails.Count);
            // The payload names the therapist (by id or address), so the mail reaches them.
            Assert.Contains(mails, m => m.Payload.Contains(added.Id(), StringComparison.OrdinalIgnoreCase)
                || m.Payload.Contains(email, StringComparison.OrdinalIgnoreCase));
        }

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.True(await users.IsInRoleAsync(user, Roles.Therapist));
        Assert.False(await users.IsInRoleAsync(user, Roles.Organizer));
    }

    [Fact]
    public async Task Therapists_are_listed_by_name_with_id_name_and_email()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2032);
        var other = await client.CreateSymposiumIdAsync(2033);
        var ids = new Dictionary<string, string>();
        foreach (var name in new[] { "Zoe Young", "Anna Berg", "Maya Lin" })
        {
            ids[name] = await client.AddTherapistAsync(id, name);
        }

        await client.AddTherapistAsync(other, "Bob Other");

        var list = await client.SendGetAsync(TherapistsPath(id)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["Anna Berg", "Maya Lin", "Zoe Young"], list.EnumerateArray().Select(t => t.Text("name")).ToArray());
        foreach (var row in list.EnumerateArray())
        {
            Assert.Equal(ids[row.Text("name")], row.Id());
            Assert.Contains("@test.symposium", row.Text("email"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_same_email_twice_in_one_symposium_is_409_whatever_its_case_and_writes_nothing()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2034);
        var email = UniqueEmail("maria");
        await client.AddTherapistAsync(id, "Maria Keller", email);

        await app.RefusesAsync(() => client.PostJsonAsync(TherapistsPath(id), Bodies.Therapist("Maria Keller", email)),
            HttpStatusCode.Conflict, "therapist.already_added");
        await app.RefusesAsync(() => client.PostJsonAsync(TherapistsPath(id), Bodies.Therapist("M. Keller", email.ToUpperInvariant())),
            HttpStatusCode.Conflict, "therapist.already_added");

        Assert.Single((await client.SendGetAsync(TherapistsPath(id)).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task The_same_person_can_work_at_two_symposia_with_one_sign_in()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        var first = await client.CreateSymposiumIdAsync(2035);
        var second = await client.CreateSymposiumIdAsync(2036);
        var email = UniqueEmail("maria");

        await client.AddTherapistAsync(first, "Maria Keller", email);
        await client.AddTherapistAsync(second, "Maria Keller", email.ToUpperInvariant());

        await using var db = app.OpenDb();
        var normalized = email.ToUpperInvariant();
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == normalized, ct));
        var userIds = await db.Therapists.Where(t => t.NormalizedEmail == email).Select(t => t.UserId).ToListAsync(ct);
        Assert.Equal(2, userIds.Count);
        Assert.NotNull(userIds[0]);
        Assert.Equal(userIds[0], userIds[1]);
    }

    public static TheoryData<string, string?> InvalidFields => new()
    {
        { "email", "not-an-email" },
        { "email", "someone@" },
        { "email", "@example.org" },
        { "email", "a@b@example.org" },
        { "email", "" },
        { "email", null },
        { "email", new string('m', 310) + "@example.org" },
        { "name", "" },
        { "name", null },
        { "name", new string('n', 201) },
        { "name", new string('n', 10_000) },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task A_bad_email_or_name_is_400_request_invalid_and_creates_no_therapist_sign_in_or_mail(string field, string? value)
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(Interlocked.Increment(ref NextYear));

        var problem = await app.RefusesAsync(
            () => client.PostJsonAsync(TherapistsPath(id), Bodies.Therapist("Maria Keller", UniqueEmail("maria")).With(field, value)),
            HttpStatusCode.BadRequest, "request.invalid");

        Assert.True(problem.Body.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem.Body}");
    }

    [Fact]
    public async Task Removing_a_therapist_answers_204_and_takes_their_shifts_and_slots_with_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2037);
        var leaving = await client.AddTherapistAsync(id, "Maria Keller");
        var staying = await client.AddTherapistAsync(id, "Tomás Ortega");
        await client.AddShiftAsync(id, leaving, Bodies.Shift("2037-06-10"));
        await client.AddShiftAsync(id, leaving, Bodies.Shift("2037-06-11"));
        await client.AddShiftAsync(id, staying, Bodies.Shift("2037-06-10"));

        await client.SendDeleteAsync($"{TherapistsPath(id)}/{leaving}").ExpectAsync(HttpStatusCode.NoContent);

        var list = await client.SendGetAsync(TherapistsPath(id)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([staying], list.EnumerateArray().Select(t => t.Id()).ToArray());
        var shifts = await client.ListShiftsAsync(id);
        Assert.Equal(staying, Assert.Single(shifts.EnumerateArray()).Text("therapistId"));
        await using var db = app.OpenDb();
        var gone = Guid.Parse(leaving);
        Assert.Equal(0, await db.Shifts.CountAsync(s => s.TherapistId == gone, ct));
        Assert.Equal(0, await db.Slots.CountAsync(s => s.TherapistId == gone, ct));
        Assert.Equal(3, await db.Slots.CountAsync(s => s.TherapistId == Guid.Parse(staying), ct));

        await app.RefusesAsync(() => client.SendDeleteAsync($"{TherapistsPath(id)}/{leaving}"), HttpStatusCode.NotFound, "therapist.not_found");
    }

    [Fact]
    public async Task A_therapist_with_a_booking_cannot_be_removed()
    {
        var client = await app.SignedInClientAsync();
        var id = await client.CreateSymposiumIdAsync(2038);
        var therapist = await client.AddTherapistAsync(id, "Maria Keller");
        var shift = await client.AddShiftAsync(id, therapist, Bodies.Shift("2038-06-10"));
        await app.BookAsync(id, shift.GetProperty("slots")[1].Id());

        await app.RefusesAsync(() => client.SendDeleteAsync($"{TherapistsPath(id)}/{therapist}"),
            HttpStatusCode.Conflict, "therapist.has_bookings");

        Assert.Single((await client.SendGetAsync(TherapistsPath(id)).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task Unknown_therapists_and_those_of_another_symposium_are_404_therapist_not_found()
    {
        var client = await app.SignedInClientAsync();
        var mine = await client.CreateSymposiumIdAsync(2039);
        var theirs = await client.CreateSymposiumIdAsync(2040);
        var stranger = await client.AddTherapistAsync(theirs, "Aiko Tanaka");
        var unknown = Guid.NewGuid().ToString();

        await app.RefusesAsync(() => client.SendDeleteAsync($"{TherapistsPath(mine)}/{unknown}"), HttpStatusCode.NotFound, "therapist.not_found");
        await app.RefusesAsync(() => client.SendDeleteAsync($"{TherapistsPath(mine)}/{stranger}"), HttpStatusCode.NotFound, "therapist.not_found");
        await app.RefusesAsync(() => client.PostJsonAsync(ShiftsPath(mine, unknown), Bodies.Shift("2039-06-10")),
            HttpStatusCode.NotFound, "therapist.not_found");
        await app.RefusesAsync(() => client.PostJsonAsync(ShiftsPath(mine, stranger), Bodies.Shift("2039-06-10")),
            HttpStatusCode.NotFound, "therapist.not_found");

        Assert.Single((await client.SendGetAsync(TherapistsPath(theirs)).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
    }
}
