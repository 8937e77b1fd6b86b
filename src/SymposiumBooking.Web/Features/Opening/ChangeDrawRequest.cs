using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>
/// The attendee changes their request (all of it at once, as sent) while requests are open. The address stays the
/// one it was made with: a different one in the body is refused, since it is whose request it is.
/// </summary>
public sealed record ChangeDrawRequest(Guid Id, string? Token, RequestBody Body) : ICommand<Result<DrawRequestView>>;

public sealed class ChangeDrawRequestValidator : AbstractValidator<ChangeDrawRequest>
{
    public ChangeDrawRequestValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new RequestBodyValidator());
}

internal sealed class ChangeDrawRequestHandler(BookingDb db, IClock clock, IOptions<StripeOptions> stripe)
    : ICommandHandler<ChangeDrawRequest, Result<DrawRequestView>>
{
    public static readonly Error OtherAddress =
        Error.Invalid("requests.email_fixed", "email", "A request keeps the address it was made with. To use another one, withdraw this request and make a new one.");

    public async ValueTask<Result<DrawRequestView>> Handle(ChangeDrawRequest command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var found = await db.FindWithTokenAsync(command.Id, command.Token, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var request = found.Value;
        if (Email.Canonical(command.Body.Email!) != request.NormalizedEmail)
        {
            return OtherAddress;
        }

        var symposium = (await db.FindAsync(request.SymposiumId, cancellationToken)).Value;
        var details = await RequestRules.CheckAsync(db, symposium, command.Body, stripe.Value, now, cancellationToken);
        if (details.IsFailure)
        {
            return request.IsOpen ? details.Error : DrawErrors.RequestNotChangeable;
        }

        var changed = request.Change(details.Value, IntakeJson.Write(command.Body.Intake!.ToIntake()), now);
        if (changed.IsFailure)
        {
            return changed.Error;
        }

        await db.SaveChangesAsync(cancellationToken);
        return await DrawRequests.ViewAsync(db, request, symposium, now, null, cancellationToken);
    }
}
