using Mediator;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Features.Payments;

public static class PaymentsApi
{
    public const string SignatureHeader = "Stripe-Signature";

    public static RouteGroupBuilder MapPayments(this RouteGroupBuilder api)
    {
        // Anonymous but signed: the raw body is read as sent (no model binding may touch it) and verified first.
        api.MapPost("/payments/stripe/webhook", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var payload = await reader.ReadToEndAsync(ct);
                var signature = request.Headers[SignatureHeader].ToString();
                return (await sender.Send(new HandleStripeEvent(payload, signature), ct)).ToHttp(answer => TypedResults.Ok(answer));
            })
            .AllowAnonymous()
            .WithTags("Payments")
            .WithName("StripeWebhook")
            .WithSummary("Stripe's events (signed with Stripe:WebhookSecret). A redelivered event answers 200 with outcome 'duplicate'.")
            .Produces<StripeEventAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var organizers = api.MapGroup("/symposia/{id:guid}").RequireAuthorization(Policies.Organizer).WithTags("Payments");
        organizers.MapPost("/bookings/{bookingId:guid}/refund", async (Guid id, Guid bookingId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RefundBooking(id, bookingId), ct)).ToHttp(view => TypedResults.Ok(view)))
            .WithName("RefundBooking")
            .WithSummary("Refund a booking's online payment in full; asking again answers with the same refund.")
            .Produces<RefundView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        organizers.MapPost("/payments/reconcile", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ReconcilePayments(id), ct)).ToHttp(report => TypedResults.Ok(report)))
            .WithName("ReconcilePayments")
            .WithSummary("Compare Stripe's sessions and refunds for the symposium with its bookings and list every mismatch.")
            .Produces<ReconciliationReport>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }
}
