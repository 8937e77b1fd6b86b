using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;
using SymposiumBooking.Web.Infrastructure.Outbox;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>
/// An attendee sends their one request while requests are open (docs/fair-opening.md). When it came in has no bearing
/// on the draw. A second request from the same address is refused (409 <c>requests.already_made</c>) and the first
/// one's link is mailed again to that address, so that its owner can change it.
/// </summary>
public sealed record SubmitDrawRequest(Guid SymposiumId, RequestBody Body) : ICommand<Result<DrawRequestView>>;

public sealed class SubmitDrawRequestValidator : AbstractValidator<SubmitDrawRequest>
{
    public SubmitDrawRequestValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new RequestBodyValidator());
}

internal sealed class SubmitDrawRequestHandler(BookingDb db, IClock clock, IOptions<StripeOptions> stripe, IDataProtectionProvider protection)
    : ICommandHandler<SubmitDrawRequest, Result<DrawRequestView>>
{
    public async ValueTask<Result<DrawRequestView>> Handle(SubmitDrawRequest command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var found = await db.FindAsync(command.SymposiumId, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        var body = command.Body;
        var checkedBody = await RequestRules.CheckAsync(db, symposium, body, stripe.Value, now, cancellationToken);
        if (checkedBody.IsFailure)
        {
            return checkedBody.Error;
        }

        var (token, tokenHash) = SecretToken.Create();
        var request = DrawRequest.Create(
            checkedBody.Value, IntakeJson.Write(body.Intake!.ToIntake()), tokenHash,
            protection.CreateProtector(BookingMails.ManageLinkPurpose).Protect(token), now);
        db.DrawRequests.Add(request);
        db.Outbox.Add(DrawMails.RequestLink(request.Id, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.Violates(DrawRequestConfiguration.OnePerPerson))
        {
            db.ChangeTracker.Clear();
            var first = await db.DrawRequests.Where(r => r.SymposiumId == symposium.Id && r.NormalizedEmail == request.NormalizedEmail
                                                         && r.Status != DrawRequestStatus.Withdrawn)
                .Select(r => r.Id).FirstAsync(cancellationToken);
            db.Outbox.Add(DrawMails.RequestLink(first, now));
            await db.SaveChangesAsync(cancellationToken);
            return DrawErrors.AlreadyMade;
        }

        return await DrawRequests.ViewAsync(db, request, symposium, now, token, cancellationToken);
    }
}

/// <summary>The rules a request meets when sent and when changed.</summary>
internal static class RequestRules
{
    public static async Task<Result<DrawRequestDetails>> CheckAsync(
        BookingDb db, Symposium symposium, RequestBody body, StripeOptions stripe, Instant now, CancellationToken ct)
    {
        if (symposium.Status != SymposiumStatus.Published || symposium.Policy?.Draw is not { } draw || !draw.TakesRequestsAt(now))
        {
            return DrawErrors.RequestsNotOpen;
        }

        if (body.Payment == PaymentMethod.Online && !stripe.OnlinePaymentEnabled)
        {
            return BookingErrors.OnlinePaymentUnavailable;
        }

        var choices = await DrawRequests.CheckChoicesAsync(db, symposium, body.Choices!, now, ct);
        if (choices.IsFailure)
        {
            return choices.Error;
        }

        // Nobody can book while requests are open, but an organizer may have booked someone at the table.
        var limit = symposium.Policy.ReducedRateLimitPerAttendee;
        var email = Email.Canonical(body.Email!);
        if (body.Rate == Rate.Reduced
            && await db.Bookings.CountAsync(b => b.SymposiumId == symposium.Id && b.NormalizedEmail == email && b.Rate == Rate.Reduced
                                                 && BookingStatuses.HoldingSlot.Contains(b.Status), ct) >= limit)
        {
            return BookingErrors.ReducedRateLimit(limit);
        }

        return new DrawRequestDetails(
            symposium.Id, body.Name!, body.Email!, string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone.Trim(),
            body.Rate!.Value, body.Payment!.Value, choices.Value);
    }
}
