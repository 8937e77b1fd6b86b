using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using SymposiumBooking.Web.Tests.ApiClient.Generated;
using SymposiumBooking.Web.Tests.ApiClient.Generated.Models;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.ApiClient;

/// <summary>
/// A client generated from the OpenAPI document alone (Kiota, docs/adr/0082) can do the attendee's whole journey and a
/// staff call, with credentials handed to Kiota's authentication providers as the document's security schemes say:
/// the booking token as an API key in X-Booking-Token, the staff token as a bearer token.
/// </summary>
public sealed class ApiClientJourneyTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task An_attendee_books_views_moves_and_cancels_through_the_generated_client()
    {
        var ct = TestContext.Current.CancellationToken;
        await app.ScheduleAsync();
        var anyone = Client(new AnonymousAuthenticationProvider());

        var symposium = await anyone.Api.V1.Symposia.Current.GetAsync(cancellationToken: ct);
        var slots = await anyone.Api.V1.Symposia[symposium!.Id!.Value].Slots.GetAsync(r => r.QueryParameters.Available = true, ct);
        Assert.True(slots!.Count >= 2);
        Assert.All(slots, s => Assert.True(s.Available));

        var booked = await anyone.Api.V1.Bookings.PostAsync(Booking(slots[0].Id!.Value), r => r.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()), ct);
        Assert.Equal(BookingStatus.Confirmed, booked!.Status);
        Assert.Equal(PaymentMethod.AtTable, booked.Payment);
        Assert.False(string.IsNullOrEmpty(booked.Token));

        var attendee = Client(new ApiKeyAuthenticationProvider(booked.Token!, "X-Booking-Token", ApiKeyAuthenticationProvider.KeyLocation.Header, Host));
        var booking = attendee.Api.V1.Bookings[booked.Id!.Value];
        var seen = await booking.GetAsync(cancellationToken: ct);
        Assert.Equal((booked.Id, slots[0].Id), (seen!.Id, seen.Slot!.Id));

        var moved = await booking.Reschedule.PostAsync(new RescheduleBody { SlotId = slots[1].Id }, cancellationToken: ct);
        Assert.Equal((booked.Id, slots[1].Id, BookingStatus.Confirmed), (moved!.Id, moved.Slot!.Id, moved.Status));

        var cancelled = await booking.Cancel.PostAsync(cancellationToken: ct);
        Assert.Equal(BookingStatus.Cancelled, cancelled!.Status);

        // The staff side, signed in through the same client: the intake's date arrives as the date it was sent.
        var staff = Client(new BaseBearerTokenAuthenticationProvider(new SignIn(anyone, BookingApp.OrganizerEmail, BookingApp.OrganizerPassword)));
        var intake = await staff.Api.V1.Bookings[booked.Id.Value].Intake.GetAsync(cancellationToken: ct);
        Assert.Equal(new Date(2027, 5, 20), intake!.Intake!.LastBotoxInjection);
        Assert.Equal(HeadTurn.Left, intake.Intake.HeadTurn);
    }

    private const string Host = "localhost";

    private SymposiumBookingClient Client(IAuthenticationProvider authentication)
    {
        // Kiota's API-key provider sends a key over HTTPS only: the in-memory server answers https://localhost too.
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"https://{Host}") });
        return new SymposiumBookingClient(new HttpClientRequestAdapter(authentication, httpClient: http)
        {
            BaseUrl = http.BaseAddress!.ToString().TrimEnd('/'),
        });
    }

    private static BookingBody Booking(Guid slotId) => new()
    {
        SlotId = slotId,
        Name = "Ana Ruiz",
        Email = BookingSeed.UniqueEmail("kiota"),
        Phone = "+1 312 555 0100",
        Rate = Rate.Standard,
        Payment = PaymentMethod.AtTable,
        ConfirmsCondition = false,
        Intake = new IntakeBody
        {
            HeadTurn = HeadTurn.Left,
            HeadTilt = HeadTilt.None,
            PainAreas = [PainArea.NeckLeft],
            LastBotoxInjection = "2027-05-20",
            Dbs = DbsImplant.None,
            BloodThinners = false,
            RecentNeckSurgery = false,
            ComfortablePositions = [ComfortablePosition.Seated],
            Consent = true,
        },
    };

    /// <summary>Kiota asks for the bearer token when it sends a request: this signs in once, through the client's login operation.</summary>
    private sealed class SignIn(SymposiumBookingClient anyone, string email, string password) : IAccessTokenProvider
    {
        private string? _token;

        public AllowedHostsValidator AllowedHostsValidator { get; } = new([Host]);

        public async Task<string> GetAuthorizationTokenAsync(
            Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            _token ??= (await anyone.Api.V1.Auth.Login.PostAsync(new LoginRequest { Email = email, Password = password }, cancellationToken: cancellationToken))!.AccessToken!;
    }
}
