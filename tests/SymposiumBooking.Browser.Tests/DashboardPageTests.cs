using Microsoft.Playwright;
using NodaTime;
using SymposiumBooking.Browser.Tests.Harness;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Browser.Tests;

/// <summary>The organizers' dashboard: reached first from the list by keyboard, axe-clean on a phone and a tablet.</summary>
public sealed class DashboardPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_dashboard_is_reached_by_keyboard_and_passes_axe_on_a_phone_and_a_tablet()
    {
        var (year, city) = await SeedAsync();
        foreach (var viewport in new[] { BrowserApp.Phone, new ViewportSize { Width = 820, Height = 1180 } })
        {
            var page = await app.NewPageAsync(viewport);
            await PageForms.SignInAsync(page, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword, "/organize");

            await page.GetByRole(AriaRole.Link, new() { Name = $"Dashboard {year} {city}" }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Dashboard");
            await Assertions.Expect(page.GetByRole(AriaRole.Img)).ToHaveCountAsync(3);
            await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Slots by therapist" })).ToContainTextAsync("Maria Keller");
            await page.AssertNoSeriousViolationsAsync();
        }
    }

    /// <summary>A published symposium with one therapist's day, two slots booked: one at the table, one held online.</summary>
    private async Task<(int Year, string City)> SeedAsync()
    {
        var now = Instant.FromDateTimeOffset(app.Clock.GetUtcNow());
        await using var db = app.OpenDb();
        var (symposium, _, slots) = await Seed.ScheduleAsync(db, now, Seed.Details(2061, "Denver", "America/Denver"));
        db.Bookings.Add(Booking.Create(
            new BookingRequest(symposium.Id, slots[0].Id, "Ada Attendee", "ada@example.org", null, Rate.Reduced, PaymentMethod.AtTable, 2500, "USD", null),
            SecretToken.Create().Hash, now));
        db.Bookings.Add(Booking.Create(
            new BookingRequest(symposium.Id, slots[1].Id, "Ben Attendee", "ben@example.org", null, Rate.Standard, PaymentMethod.Online, 6000, "USD",
                now.Plus(Duration.FromMinutes(30))),
            SecretToken.Create().Hash, now));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (symposium.Year, symposium.City);
    }
}
