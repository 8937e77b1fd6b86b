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

/// <summary>A shift as an organizer types it: a date and local <c>HH:mm</c> times in the symposium's zone.</summary>
public interface IShiftFields
{
    Guid EditionId { get; }

    Guid TherapistId { get; }

    string Date { get; }

    string Start { get; }

    string End { get; }

    int SessionMinutes { get; }

    int BufferMinutes { get; }

    IReadOnlyList<BreakBody>? Breaks { get; }

    string Location { get; }
}

public static class ShiftFields
{
    private const string HhMm = "Use the 24-hour form HH:mm.";

    public static ShiftPlan ToPlan(this IShiftFields f) => new(
        ApiFormat.ParseDate(f.Date),
        ApiFormat.ParseTime(f.Start),
        ApiFormat.ParseTime(f.End),
        f.SessionMinutes,
        f.BufferMinutes,
        [.. (f.Breaks ?? []).Select(b => new ShiftBreak(ApiFormat.ParseTime(b.Start), ApiFormat.ParseTime(b.End)))]);

    public static void AddShiftRules<T>(this AbstractValidator<T> v)
        where T : IShiftFields
    {
        v.RuleFor(x => x.Date).NotEmpty().Must(ApiFormat.IsDate).WithMessage("Use the form YYYY-MM-DD.");
        v.RuleFor(x => x.Start).NotEmpty().Must(ApiFormat.IsTime).WithMessage(HhMm);
        v.RuleFor(x => x.End).NotEmpty().Must(ApiFormat.IsTime).WithMessage(HhMm);
        v.RuleFor(x => x.SessionMinutes).InclusiveBetween(5, 480);
        v.RuleFor(x => x.BufferMinutes).InclusiveBetween(0, 240);
        v.RuleFor(x => x.Breaks).Must(b => b is null || b.Count <= 10).WithMessage("At most 10 breaks.");
        v.RuleForEach(x => x.Breaks).NotNull().ChildRules(b =>
        {
            b.RuleFor(x => x.Start).NotEmpty().Must(ApiFormat.IsTime).WithMessage(HhMm);
            b.RuleFor(x => x.End).NotEmpty().Must(ApiFormat.IsTime).WithMessage(HhMm);
        });
        v.RuleFor(x => x.Location).NotEmpty().MaximumLength(200);
    }
}
