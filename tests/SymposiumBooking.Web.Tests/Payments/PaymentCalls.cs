using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Tests.Attendees;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Payments;

/// <summary>Booking online and reading what the payment left behind.</summary>
public static class PaymentCalls
{
    public static async Task<BookingView> BookOnlineAsync(this HttpClient client, Guid slotId, string? email = null, string? idempotencyKey = null)
    {
        var response = await client.BookAsync(
            BookingBodies.Booking(slotId, email ?? BookingSeed.UniqueEmail(), rate: "standard", payment: "online"), idempotencyKey);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<BookingView>();
    }

    public static async Task<BookingStatus> StatusAsync(this BookingApp app, Guid bookingId) => (await app.BookingRowAsync(bookingId)).Status;

    /// <summary>How many mails of <paramref name="type"/> the outbox holds for the booking.</summary>
    public static async Task<int> MailsAsync(this BookingApp app, Guid bookingId, string type)
    {
        await using var db = app.OpenDb();
        return await db.Database.SqlQuery<int>(
                $"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE type = {type} AND payload->>'bookingId' = {bookingId.ToString()}")
            .SingleAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<int> ProcessedEventsAsync(this BookingApp app)
    {
        await using var db = app.OpenDb();
        return await db.ProcessedPaymentEvents.CountAsync(TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> RefundAsync(this HttpClient organizer, Guid symposiumId, Guid bookingId) =>
        organizer.PostAsync($"/api/v1/symposia/{symposiumId}/bookings/{bookingId}/refund", null, TestContext.Current.CancellationToken);

    public static async Task<T> OkAsync<T>(this HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(AttendeeCalls.Json, TestContext.Current.CancellationToken))!;
    }
}
