using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SymposiumBooking.Web.Tests.Harness;
using SymposiumBooking.Web.Tests.Organizers;
using SymposiumBooking.Web.Tests.Therapists;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// Every route of the app — API, pages, feeds — read from its own endpoint table, called as five people, with the
/// status each must get. A route without a row fails the test (its message prints the row to review and paste),
/// so nothing added later goes unchecked. Refused answers must not carry the other party's name, email or intake.
/// The app runs with online payment on (a fake Stripe), as in production, so the payment routes answer for real.
/// </summary>
public sealed partial class AuthorizationMatrixTests(StripeApp app) : IClassFixture<StripeApp>
{
    /// <summary>
    /// The callers. Anonymous. An attendee holding another booking's token (header X-Booking-Token on the API, the
    /// booking cookie on pages). Therapist A asking for therapist B's data. Therapist A with their own. An organizer.
    /// Every id in a URL is B's (booking, therapist, shift) except for "own", where it is A's.
    /// </summary>
    private enum Who
    {
        Anonymous,
        OtherToken,
        OtherTherapist,
        OwnTherapist,
        Organizer,
    }

    /// <summary>
    /// Expected answers per route, in the order of <see cref="Who"/>: a status, or "302 /path" for a redirect there.
    /// Writes are sent with an empty JSON object, so a caller who gets through sees 400 (validation), never a change.
    /// </summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["GET /"] = ["200", "200", "200", "200", "200"],
        ["GET /Index"] = ["200", "200", "200", "200", "200"],
        ["GET /account"] = ["302 /account/sign-in", "302 /account/sign-in", "200", "200", "200"],
        ["GET /account/forgot-password"] = ["200", "200", "200", "200", "200"],
        ["GET /account/set-password"] = ["404", "404", "404", "404", "404"],
        ["GET /account/sign-in"] = ["200", "200", "200", "200", "200"],
        ["GET /account/sign-out"] = ["200", "200", "200", "200", "200"],
        ["POST /api/v1/auth/login"] = ["400", "400", "400", "400", "400"],
        ["POST /api/v1/auth/logout"] = ["401", "401", "204", "204", "204"],
        ["GET /api/v1/auth/me"] = ["401", "401", "200", "200", "200"],
        ["POST /api/v1/auth/password"] = ["401", "401", "400", "400", "400"],
        ["POST /api/v1/auth/password-reset"] = ["400", "400", "400", "400", "400"],
        ["POST /api/v1/auth/password-reset/confirm"] = ["400", "400", "400", "400", "400"],
        ["GET /api/v1/staff/"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/staff/organizers"] = ["401", "401", "403", "403", "400"],
        ["DELETE /api/v1/staff/{userId:guid}"] = ["401", "401", "403", "403", "404"],
        ["POST /api/v1/staff/{userId:guid}/resend-invitation"] = ["401", "401", "403", "403", "404"],
        ["POST /api/v1/bookings/"] = ["400", "400", "400", "400", "400"],
        ["GET /api/v1/bookings/{id:guid}"] = ["401", "404", "401", "401", "401"],
        ["POST /api/v1/bookings/{id:guid}/calendar-feed"] = ["401", "404", "401", "401", "401"],
        ["GET /api/v1/bookings/{id:guid}/calendar.ics"] = ["401", "404", "401", "401", "401"],
        ["POST /api/v1/bookings/{id:guid}/cancel"] = ["401", "404", "401", "401", "401"],
        ["GET /api/v1/shop/orders"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/shop/orders"] = ["400", "400", "400", "400", "400"],
        ["GET /api/v1/shop/orders/labels.csv"] = ["401", "401", "403", "403", "200"],
        ["GET /api/v1/shop/orders/{id:guid}"] = ["404", "404", "404", "404", "404"],
        ["POST /api/v1/shop/orders/{id:guid}/cancel"] = ["401", "401", "403", "403", "404"],
        ["POST /api/v1/shop/orders/{id:guid}/paid"] = ["401", "401", "403", "403", "400"],
        ["POST /api/v1/shop/orders/{id:guid}/picked-up"] = ["401", "401", "403", "403", "404"],
        ["POST /api/v1/shop/orders/{id:guid}/refund"] = ["401", "401", "403", "403", "404"],
        ["POST /api/v1/shop/orders/{id:guid}/shipped"] = ["401", "401", "403", "403", "400"],
        ["GET /api/v1/shop/products"] = ["200", "200", "200", "200", "200"],
        ["POST /api/v1/shop/products"] = ["401", "401", "403", "403", "400"],
        ["GET /api/v1/shop/products/all"] = ["401", "401", "403", "403", "200"],
        ["DELETE /api/v1/shop/products/{id:guid}"] = ["401", "401", "403", "403", "404"],
        ["PUT /api/v1/shop/products/{id:guid}"] = ["401", "401", "403", "403", "400"],
        ["GET /guidebook"] = ["200", "200", "200", "200", "200"],
        ["GET /orders/{id:guid}"] = ["404", "404", "404", "404", "404"],
        ["GET /organize/shop"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/shop/orders"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/shop/orders/{orderId:guid}"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "404"],
        ["GET /organize/shop/products/{productId:guid?}"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "404"],
        ["POST /api/v1/bookings/{id:guid}/checkout"] = ["401", "404", "401", "401", "401"],
        ["DELETE /api/v1/requests/{id:guid}"] = ["404", "404", "404", "404", "404"],
        ["GET /api/v1/requests/{id:guid}"] = ["404", "404", "404", "404", "404"],
        ["PUT /api/v1/requests/{id:guid}"] = ["400", "400", "400", "400", "400"],
        ["GET /api/v1/symposia/{id:guid}/draw"] = ["404", "404", "404", "404", "404"],
        ["POST /api/v1/symposia/{id:guid}/draw"] = ["401", "401", "403", "403", "422"],
        ["POST /api/v1/symposia/{id:guid}/requests"] = ["400", "400", "400", "400", "400"],
        ["POST /api/v1/bookings/lost-link"] = ["400", "400", "400", "400", "400"],
        ["POST /api/v1/symposia/{id:guid}/bookings/"] = ["401", "401", "403", "403", "400"],
        ["GET /api/v1/symposia/{id:guid}/bookings/{bookingId:guid}"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/symposia/{id:guid}/bookings/{bookingId:guid}/cancel"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/symposia/{id:guid}/bookings/{bookingId:guid}/check-in"] = ["401", "401", "403", "403", "409"],
        ["POST /api/v1/symposia/{id:guid}/bookings/{bookingId:guid}/check-in/undo"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/symposia/{id:guid}/bookings/{bookingId:guid}/reschedule"] = ["401", "401", "403", "403", "400"],
        ["POST /api/v1/symposia/{id:guid}/bookings/{bookingId:guid}/resend"] = ["401", "401", "403", "403", "409"],
        ["GET /api/v1/symposia/{id:guid}/bookings/{bookingId:guid}/table-payments"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/symposia/{id:guid}/bookings/{bookingId:guid}/table-payments"] = ["401", "401", "403", "403", "400"],
        ["GET /api/v1/bookings/{id:guid}/intake"] = ["401", "401", "404", "200", "200"],
        ["GET /api/v1/bookings/{id:guid}/intake-reads"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/bookings/{id:guid}/reschedule"] = ["400", "400", "400", "400", "400"],
        ["POST /api/v1/me/calendar-feed"] = ["401", "401", "200", "200", "404"],
        ["GET /api/v1/me/schedule"] = ["401", "401", "200", "200", "404"],
        ["GET /api/v1/me/sessions/{bookingId:guid}"] = ["401", "401", "404", "200", "200"],
        ["POST /api/v1/me/sessions/{bookingId:guid}/complete"] = ["401", "401", "404", "422", "422"],
        ["POST /api/v1/me/sessions/{bookingId:guid}/no-show"] = ["401", "401", "404", "422", "422"],
        ["POST /api/v1/payments/stripe/webhook"] = ["400", "400", "400", "400", "400"],
        ["GET /api/v1/mail/undelivered"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/mail/{id:guid}/send-again"] = ["401", "401", "403", "403", "404"],
        ["GET /api/v1/staff-actions"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/symposia/{id:guid}/bookings/{bookingId:guid}/refund"] = ["401", "401", "403", "403", "422"],
        ["POST /api/v1/symposia/{id:guid}/payments/reconcile"] = ["401", "401", "403", "403", "200"],
        ["GET /api/v1/symposia/"] = ["401", "401", "200", "200", "200"],
        ["POST /api/v1/symposia/"] = ["401", "401", "403", "403", "400"],
        ["GET /api/v1/symposia/current"] = ["200", "200", "200", "200", "200"],
        ["GET /api/v1/symposia/{id:guid}"] = ["401", "401", "200", "200", "200"],
        ["PUT /api/v1/symposia/{id:guid}"] = ["401", "401", "403", "403", "400"],
        ["GET /api/v1/symposia/{id:guid}/bookings"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/symposia/{id:guid}/calendar-feed"] = ["401", "401", "403", "403", "200"],
        ["GET /api/v1/symposia/{id:guid}/dashboard"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/symposia/{id:guid}/copy"] = ["401", "401", "403", "403", "400"],
        ["PUT /api/v1/symposia/{id:guid}/policy"] = ["401", "401", "403", "403", "400"],
        ["POST /api/v1/symposia/{id:guid}/publish"] = ["401", "401", "403", "403", "409"],
        ["POST /api/v1/symposia/{id:guid}/close-bookings"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/symposia/{id:guid}/unpublish"] = ["401", "401", "403", "403", "409"],
        ["POST /api/v1/symposia/{id:guid}/archive"] = ["401", "401", "403", "403", "409"],
        ["DELETE /api/v1/symposia/{id:guid}"] = ["401", "401", "403", "403", "409"],
        ["GET /api/v1/symposia/{id:guid}/shifts"] = ["401", "401", "403", "403", "200"],
        ["GET /api/v1/symposia/{id:guid}/slots"] = ["200", "200", "200", "200", "200"],
        ["GET /api/v1/symposia/{id:guid}/therapists"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/symposia/{id:guid}/therapists"] = ["401", "401", "403", "403", "400"],
        ["DELETE /api/v1/symposia/{id:guid}/therapists/{therapistId:guid}"] = ["401", "401", "403", "403", "409"],
        ["POST /api/v1/symposia/{id:guid}/therapists/{therapistId:guid}/calendar-feed"] = ["401", "401", "403", "403", "200"],
        ["GET /api/v1/symposia/{id:guid}/therapists/{therapistId:guid}/schedule"] = ["401", "401", "403", "403", "200"],
        ["POST /api/v1/symposia/{id:guid}/therapists/{therapistId:guid}/shifts/"] = ["401", "401", "403", "403", "400"],
        ["POST /api/v1/symposia/{id:guid}/therapists/{therapistId:guid}/shifts/preview"] = ["401", "401", "403", "403", "400"],
        ["DELETE /api/v1/symposia/{id:guid}/therapists/{therapistId:guid}/shifts/{shiftId:guid}"] = ["401", "401", "403", "403", "409"],
        ["PUT /api/v1/symposia/{id:guid}/therapists/{therapistId:guid}/shifts/{shiftId:guid}"] = ["401", "401", "403", "403", "400"],
        ["POST /api/v1/symposia/{id:guid}/waitlist"] = ["400", "400", "400", "400", "400"],
        ["GET /api/v1/waitlist/offers/{entryId:guid}"] = ["401", "401", "401", "401", "401"],
        ["GET /book"] = ["200", "200", "200", "200", "200"],
        ["GET /book/{slotId:guid}"] = ["200", "200", "200", "200", "200"],
        ["GET /bookings/{id:guid}"] = ["404", "404", "404", "404", "404"],
        ["GET /bookings/{id:guid}/calendar.ics"] = ["404", "404", "404", "404", "404"],
        ["GET /bookings/{id:guid}/reschedule"] = ["404", "404", "404", "404", "404"],
        ["GET /draw"] = ["200", "200", "200", "200", "200"],
        ["GET /request"] = ["200", "200", "200", "200", "200"],
        ["GET /requests/{id:guid}"] = ["404", "404", "404", "404", "404"],
        ["GET /requests/{id:guid}/change"] = ["404", "404", "404", "404", "404"],
        ["GET /calendar/attendees/{feedToken}.ics"] = ["404", "404", "404", "404", "404"],
        ["GET /calendar/symposia/{feedToken}.ics"] = ["404", "404", "404", "404", "404"],
        ["GET /calendar/therapists/{feedToken}.ics"] = ["404", "404", "404", "404", "404"],
        ["GET /calendar/subscribe/{id:guid}"] = ["200", "200", "200", "200", "200"], // only a button; its POST needs the mailed token
        ["GET /docs/favicon.svg"] = ["200", "200", "200", "200", "200"],
        ["GET /docs/scalar.aspnetcore.js"] = ["200", "200", "200", "200", "200"],
        ["GET /docs/scalar.js"] = ["200", "200", "200", "200", "200"],
        ["GET /docs/{documentName?}"] = ["200", "200", "200", "200", "200"],
        ["GET /error"] = ["200", "200", "200", "200", "200"],
        ["GET /health/live"] = ["200", "200", "200", "200", "200"],
        ["GET /health/ready"] = ["200", "200", "200", "200", "200"],
        ["GET /my-day"] = ["302 /account/sign-in", "302 /account/sign-in", "404", "200", "200"],
        ["GET /my-day/sessions/{bookingId:guid}"] = ["302 /account/sign-in", "302 /account/sign-in", "404", "200", "200"],
        ["GET /my-day/sheet"] = ["302 /account/sign-in", "302 /account/sign-in", "404", "200", "200"],
        ["GET /openapi/{documentName}.json"] = ["200", "200", "200", "200", "200"],
        ["GET /organize"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/staff"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/audit"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/mail"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/new"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/dashboard"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/bookings"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /bookings/lost-link"] = ["200", "200", "200", "200", "200"],
        ["GET /bookings/lost-link/open"] = ["404", "404", "404", "404", "404"],
        ["GET /organize/{id:guid}/bookings/{bookingId:guid}"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/bookings/{bookingId:guid}/cancel"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/bookings/{bookingId:guid}/move"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/bookings/{bookingId:guid}/resend"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/print"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/walk-in"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "404"],
        ["GET /organize/{id:guid}/bookings/{bookingId:guid}/refund"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/payments"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/copy"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/day-sheets"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/grid"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/draw"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/policy"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/publish"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/shifts"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /organize/{id:guid}/therapists"] = ["302 /account/sign-in", "302 /account/sign-in", "403", "403", "200"],
        ["GET /status/{code:int}"] = ["200", "200", "200", "200", "200"],
        ["GET /waitlist"] = ["200", "200", "200", "200", "200"],
        ["GET /waitlist/offers/{entryId:guid}"] = ["401", "401", "401", "401", "401"],
        ["GET /waitlist/confirm/{entryId:guid}"] = ["200", "200", "200", "200", "200"], // only a button; its POST needs the mailed token
    };

    private const string SignOutRoute = "POST /api/v1/auth/logout";

    [Fact]
    public async Task Every_route_answers_each_caller_as_expected_and_refusals_leak_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var world = await TherapistWorld.CreateAsync(app);
        var shifts = await ShiftIdsAsync(world);
        var clients = new Dictionary<Who, HttpClient>
        {
            [Who.Anonymous] = NoRedirects(),
            [Who.OtherToken] = NoRedirects(),
            [Who.OtherTherapist] = await SignedInAsync(world.EmailA, TherapistWorld.Password),
            [Who.OwnTherapist] = await SignedInAsync(world.EmailA, TherapistWorld.Password),
            [Who.Organizer] = await SignedInAsync(BookingApp.OrganizerEmail, BookingApp.OrganizerPassword),
        };

        var failures = new List<string>();
        var missing = new List<string>();
        foreach (var (method, pattern, json) in Routes())
        {
            var key = $"{method} {pattern}";
            var actual = new string[5];
            foreach (var who in Enum.GetValues<Who>())
            {
                var own = who == Who.OwnTherapist;
                var url = Fill(pattern, own ? world.A.Id : world.B.Id, own ? world.FlaggedOfA.Id : world.OfB.Id, own ? shifts.A : shifts.B, world);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (json)
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                if (who == Who.OtherToken)
                {
                    request.Headers.Add("X-Booking-Token", world.PlainOfA.Token);
                    request.Headers.Add("Cookie", $"sb-booking-{world.OfB.Id:N}={world.PlainOfA.Token}");
                }

                var response = await clients[who].SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (key == SignOutRoute && response.IsSuccessStatusCode)
                {
                    // Signing out ends every session of that account: the signed-in callers sign in again.
                    clients[Who.OtherTherapist] = await SignedInAsync(world.EmailA, TherapistWorld.Password);
                    clients[Who.OwnTherapist] = await SignedInAsync(world.EmailA, TherapistWorld.Password);
                    clients[Who.Organizer] = await SignedInAsync(BookingApp.OrganizerEmail, BookingApp.OrganizerPassword);
                }

                actual[(int)who] = response.StatusCode == HttpStatusCode.Redirect
                    ? $"302 {Path(response.Headers.Location)}"
                    : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if ((int)response.StatusCode >= 300 || who is Who.OtherTherapist or Who.OtherToken or Who.Anonymous)
                {
                    foreach (var secret in Secrets(world, who))
                    {
                        if (body.Contains(secret, StringComparison.OrdinalIgnoreCase))
                        {
                            failures.Add($"{key} as {who} ({actual[(int)who]}) shows \"{secret}\"");
                        }
                    }
                }
            }

            if (!Expected.TryGetValue(key, out var expected))
            {
                missing.Add($"        [\"{key}\"] = [{string.Join(", ", actual.Select(a => $"\"{a}\""))}],");
                continue;
            }

            for (var i = 0; i < 5; i++)
            {
                if (expected[i] != actual[i])
                {
                    failures.Add($"{key} as {(Who)i}: expected {expected[i]}, got {actual[i]}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Routes without an expected row (review, then add to Expected):\n" + string.Join('\n', missing));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var stale = Expected.Keys.Except(Routes().Select(r => $"{r.Method} {r.Pattern}")).ToList();
        Assert.True(stale.Count == 0, "Rows for routes that no longer exist: " + string.Join(", ", stale));
    }

    /// <summary>
    /// A page another site opens can make the browser send the staff cookie to any route, so on the API the cookie
    /// alone grants nothing: every API route, whatever its method, answers the signed-in browser without the
    /// antiforgery header exactly as it answers an anonymous caller.
    /// </summary>
    [Fact]
    public async Task On_the_API_the_staff_cookie_without_the_antiforgery_header_gets_what_an_anonymous_caller_gets()
    {
        var ct = TestContext.Current.CancellationToken;
        var organizer = await app.SignedInPagesAsync(BookingApp.OrganizerEmail, BookingApp.OrganizerPassword);
        var anonymous = NoRedirects();
        var failures = new List<string>();
        foreach (var (method, pattern, json) in Routes().Where(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var url = FillAny(pattern);
            var answers = new List<HttpStatusCode>();
            foreach (var client in new[] { organizer, anonymous })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (json)
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                answers.Add((await client.SendAsync(request, ct)).StatusCode);
            }

            if (answers[0] != answers[1])
            {
                failures.Add($"{method} {pattern}: cookie alone {(int)answers[0]}, anonymous {(int)answers[1]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var me = await Problem.ReadAsync(await organizer.GetAsync("/api/v1/auth/me", ct));
        Assert.Equal(HttpStatusCode.Unauthorized, me.Status);
        Assert.Equal("auth.antiforgery_required", me.Code);
    }

    [Fact]
    public async Task A_cross_site_post_with_the_staff_cookie_changes_nothing_but_a_bearer_token_or_the_header_works()
    {
        var ct = TestContext.Current.CancellationToken;
        var organizer = await app.SignedInPagesAsync(BookingApp.OrganizerEmail, BookingApp.OrganizerPassword);
        var before = await SymposiumCountAsync();

        var forged = await organizer.PostAsJsonAsync("/api/v1/symposia", Bodies.Symposium(2041), ct);
        var problem = await Problem.ReadAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal("auth.antiforgery_required", problem.Code);
        Assert.Equal(before, await SymposiumCountAsync());

        // The organizer's own page script sends the form's token in the header: that works.
        var token = PageClients.AntiforgeryToken(await organizer.GetStringAsync("/organize/new", ct));
        using var withHeader = new HttpRequestMessage(HttpMethod.Post, "/api/v1/symposia") { Content = JsonContent.Create(Bodies.Symposium(2042)) };
        withHeader.Headers.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.Created, (await organizer.SendAsync(withHeader, ct)).StatusCode);

        var bearer = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.Created, (await bearer.PostAsJsonAsync("/api/v1/symposia", Bodies.Symposium(2043), ct)).StatusCode);
        Assert.Equal(before + 2, await SymposiumCountAsync());
    }

    /// <summary>
    /// Every page refuses a form post without its antiforgery token (400), the staff cookie notwithstanding. The only
    /// pages exempt are where an error is re-executed (/error, /status/{code}): they change nothing.
    /// </summary>
    [Fact]
    public async Task Every_page_refuses_a_post_without_its_antiforgery_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var organizer = await app.SignedInPagesAsync(BookingApp.OrganizerEmail, BookingApp.OrganizerPassword);
        string[] exempt = ["/error", "/status/{code:int}"];
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.RoutePattern.RawText is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("/account/sign-out", pages);

        var failures = new List<string>();
        foreach (var page in pages.Except(exempt))
        {
            var response = await organizer.PostAsync(FillAny(page), new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }), ct);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"POST {page}: {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private async Task<int> SymposiumCountAsync()
    {
        await using var db = app.OpenDb();
        return await db.Symposia.CountAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A route with made-up ids: for checks that refuse before the endpoint runs.</summary>
    private static string FillAny(string pattern) => Parameter().Replace(pattern, m => m.Groups["name"].Value switch
    {
        "code" => "404",
        "documentName" => "v1",
        "feedToken" => "not-a-feed-token",
        _ => Guid.CreateVersion7().ToString(),
    });

    /// <summary>
    /// What the callers who are not entitled to B's booking must never see: B's client's name and email, and the
    /// intakes' notes (the intake's choice words, like "neckLeft", are public: the booking form and OpenAPI name them). An anonymous or token caller must not see A's client either.
    /// </summary>
    private static IEnumerable<string> Secrets(TherapistWorld world, Who who)
    {
        yield return TherapistWorld.BClientName;
        yield return world.OfB.Email;
        yield return TherapistWorld.BNote;
        yield return "Flagged note";
        if (who is Who.Anonymous or Who.OtherToken)
        {
            yield return "Fiona Flagged";
        }
    }

    /// <summary>Every (method, route pattern) the app serves; pages and routes without a method list count as GET.</summary>
    private IEnumerable<(string Method, string Pattern, bool Json)> Routes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'),
                    e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("application/json") == true)))
            .Where(r => r.m != "HEAD")
            .Distinct()
            .OrderBy(r => r.Item2, StringComparer.Ordinal)
            .ThenBy(r => r.m, StringComparer.Ordinal);

    private static string Fill(string pattern, Guid therapistId, Guid bookingId, Guid shiftId, TherapistWorld world)
    {
        var isBooking = pattern.StartsWith("/api/v1/bookings/", StringComparison.Ordinal) || pattern.StartsWith("/bookings/", StringComparison.Ordinal);
        var url = Parameter().Replace(pattern, m => m.Groups["name"].Value switch
        {
            "id" => (isBooking ? bookingId : world.Symposium.Id).ToString(),
            "bookingId" => bookingId.ToString(),
            "therapistId" => therapistId.ToString(),
            "shiftId" => shiftId.ToString(),
            "slotId" => world.SlotsOfA[^1].Id.ToString(),
            "entryId" => Guid.CreateVersion7().ToString(),
            "userId" or "orderId" or "productId" => Guid.CreateVersion7().ToString(),
            "feedToken" => "not-a-feed-token",
            "code" => "404",
            "documentName" => "v1",
            _ => "unknown",
        });
        // Pages that take whose day it is from the query: everyone asks for the subject's day.
        return url is "/my-day" or "/my-day/sheet" ? $"{url}?therapistId={therapistId}&date={world.DayText}" : url;
    }

    private static string Path(Uri? location) =>
        location is null ? "" : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

    private HttpClient NoRedirects() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = await app.SignedInClientAsync(email, password);
        var noRedirects = NoRedirects();
        noRedirects.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        return noRedirects;
    }

    private async Task<(Guid A, Guid B)> ShiftIdsAsync(TherapistWorld world)
    {
        await using var db = app.OpenDb();
        var a = db.Shifts.Where(s => s.TherapistId == world.A.Id).Select(s => s.Id).First();
        var b = db.Shifts.Where(s => s.TherapistId == world.B.Id).Select(s => s.Id).First();
        return (a, b);
    }

    [GeneratedRegex(@"\{\*?(?<name>\w+)(:[^}]*)?\??\}")]
    private static partial Regex Parameter();
}
