using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Opening;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Payments;

namespace SymposiumBooking.Web.Features.Symposia;

public sealed record PolicyBody(
    string BookingOpensAt,
    string BookingClosesAt,
    int? ReducedRateLimitPerAttendee,
    int? HoldMinutes,
    int? CancellationCutoffHours,
    OpeningMode? OpeningMode = null,
    string? RequestsOpenAt = null,
    string? RequestsCloseAt = null,
    int? MaxChoices = null);

/// <summary>
/// When bookings open and close, and the rules attendees book under. Instants come with an offset, or as local
/// date-times read in the symposium's zone (what the page's inputs send). <c>openingMode</c> <c>draw</c> takes ranked
/// requests from <c>requestsOpenAt</c> to <c>requestsCloseAt</c> first (docs/fair-opening.md); <c>bookingOpensAt</c> is
/// then when the slots the draw left open first-come. Choosing the draw fixes the draw's seed (its commitment is
/// published at once); once the draw has run, the opening can no longer change.
/// </summary>
public sealed record SetBookingPolicy(Guid Id, PolicyBody Body) : ICommand<Result<SymposiumView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [Id];
}

public sealed class PolicyBodyValidator : AbstractValidator<PolicyBody>
{
    public PolicyBodyValidator()
    {
        const string Instant = "Use an ISO date-time with offset (2027-05-01T09:00:00-05:00) or a local one (2027-05-01T09:00).";
        RuleFor(x => x.BookingOpensAt).NotEmpty().Must(ApiFormat.IsInstant).WithMessage(Instant);
        RuleFor(x => x.BookingClosesAt).NotEmpty().Must(ApiFormat.IsInstant).WithMessage(Instant);
        RuleFor(x => x.ReducedRateLimitPerAttendee).NotNull().InclusiveBetween(0, 20);
        RuleFor(x => x.HoldMinutes).NotNull().LessThanOrEqualTo(1440);
        RuleFor(x => x.CancellationCutoffHours).NotNull().InclusiveBetween(0, 720);
        RuleFor(x => x.OpeningMode).Listed();
        RuleFor(x => x.RequestsOpenAt).NotEmpty().Must(ApiFormat.IsInstant).WithMessage(Instant).When(x => x.OpeningMode == OpeningMode.Draw);
        RuleFor(x => x.RequestsCloseAt).NotEmpty().Must(ApiFormat.IsInstant).WithMessage(Instant).When(x => x.OpeningMode == OpeningMode.Draw);
        RuleFor(x => x.MaxChoices).InclusiveBetween(1, DrawOpening.MostChoices);
    }
}

public sealed class SetBookingPolicyValidator : AbstractValidator<SetBookingPolicy>
{
    public SetBookingPolicyValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new PolicyBodyValidator());
}

internal sealed class SetBookingPolicyHandler(BookingDb db, IClock clock, IOptions<StripeOptions> stripe, IDataProtectionProvider protection)
    : ICommandHandler<SetBookingPolicy, Result<SymposiumView>>
{
    public async ValueTask<Result<SymposiumView>> Handle(SetBookingPolicy command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var found = await db.FindChangeableAsync(command.Id, now, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        var p = command.Body;
        var policy = BookingPolicy.Create(
            ApiFormat.ParseInstant(p.BookingOpensAt, symposium.Zone)!.Value,
            ApiFormat.ParseInstant(p.BookingClosesAt, symposium.Zone)!.Value,
            p.ReducedRateLimitPerAttendee!.Value,
            p.HoldMinutes!.Value,
            p.CancellationCutoffHours!.Value,
            stripe.Value.OnlinePaymentEnabled);
        if (policy.IsFailure)
        {
            return policy.Error;
        }

        var opening = await DrawCommitments.OpenAsync(db, protection, symposium, policy.Value, p, now, cancellationToken);
        if (opening.IsFailure)
        {
            return opening.Error;
        }

        var set = symposium.SetPolicy(opening.Value, now);
        if (set.IsFailure)
        {
            return set.Error;
        }

        await db.SaveChangesAsync(cancellationToken);
        return SymposiumView.From(symposium, now);
    }
}
