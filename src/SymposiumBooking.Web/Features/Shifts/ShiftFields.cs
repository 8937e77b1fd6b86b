using FluentValidation;
using SymposiumBooking.Domain.Scheduling;

namespace SymposiumBooking.Web.Features.Shifts;

public sealed record BreakBody(string Start, string End);

public sealed record ShiftBody(
    string Date,
    string Start,
    string End,
    int SessionMinutes,
    int BufferMinutes,
    IReadOnlyList<BreakBody>? Breaks,
    string Location);

public static class ShiftFields
{
    public static ShiftPlan ToPlan(this ShiftBody b) => new(
        ApiFormat.ParseDate(b.Date),
        ApiFormat.ParseTime(b.Start),
        ApiFormat.ParseTime(b.End),
        b.SessionMinutes,
        b.BufferMinutes,
        [.. (b.Breaks ?? []).Select(x => new ShiftBreak(ApiFormat.ParseTime(x.Start), ApiFormat.ParseTime(x.End)))]);
}

/// <summary>A shift as an organizer types it: a date and local <c>HH:mm</c> times in the symposium's zone. Shape only; the model checks the rest.</summary>
public sealed class ShiftBodyValidator : AbstractValidator<ShiftBody>
{
    private const string HhMm = "Use the 24-hour form HH:mm.";

    public ShiftBodyValidator()
    {
        RuleFor(x => x.Date).NotEmpty().Must(ApiFormat.IsDate).WithMessage("Use the form YYYY-MM-DD.");
        RuleFor(x => x.Start).NotEmpty().Must(ApiFormat.IsTime).WithMessage(HhMm);
        RuleFor(x => x.End).NotEmpty().Must(ApiFormat.IsTime).WithMessage(HhMm);
        RuleFor(x => x.SessionMinutes).InclusiveBetween(5, 480);
        RuleFor(x => x.BufferMinutes).InclusiveBetween(0, 240);
        RuleFor(x => x.Breaks).Must(b => b is null || b.Count <= 10).WithMessage("At most 10 breaks.");
        RuleForEach(x => x.Breaks).NotNull().ChildRules(b =>
        {
            b.RuleFor(x => x.Start).NotEmpty().Must(ApiFormat.IsTime).WithMessage(HhMm);
            b.RuleFor(x => x.End).NotEmpty().Must(ApiFormat.IsTime).WithMessage(HhMm);
        });
        RuleFor(x => x.Location).NotEmpty().MaximumLength(200).SingleLine();
    }
}
