using FluentValidation;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Web.Features.Bookings;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>
/// One ranked choice as sent: <c>{slotId}</c> (this slot), <c>{date, time}</c> (any therapist then) or
/// <c>{date, therapistId}</c> (any time that day with this therapist).
/// </summary>
public sealed record ChoiceBody(Guid? SlotId, string? Date, string? Time, Guid? TherapistId)
{
    /// <summary>The choice, or null when it is none of the three shapes.</summary>
    public RequestedChoice? ToChoice()
    {
        var date = Date is null ? (LocalDate?)null : ApiFormat.IsDate(Date) ? ApiFormat.ParseDate(Date) : null;
        var time = Time is null ? (LocalTime?)null : ApiFormat.IsTime(Time) ? ApiFormat.ParseTime(Time) : null;
        if ((Date is not null && date is null) || (Time is not null && time is null))
        {
            return null;
        }

        var choice = new RequestedChoice(SlotId, date, time, TherapistId);
        return choice.ToDrawChoice() is null ? null : choice;
    }
}

/// <summary>A request as the attendee sends it (docs/fair-opening.md): a booking's fields, with ranked choices instead of one slot.</summary>
public sealed record RequestBody(
    string? Name,
    string? Email,
    string? Phone,
    Rate? Rate,
    PaymentMethod? Payment,
    bool? ConfirmsCondition,
    IntakeBody? Intake,
    IReadOnlyList<ChoiceBody>? Choices)
{
    /// <summary>The same fields as a booking's, for the rules they share.</summary>
    public BookingBody AsBooking() => new(Guid.Empty, Name, Email, Phone, Rate, Payment, ConfirmsCondition, Intake);
}

public sealed class RequestBodyValidator : AbstractValidator<RequestBody>
{
    public RequestBodyValidator()
    {
        RuleFor(x => x.AsBooking()).SetValidator(new BookingBodyValidator()).OverridePropertyName("");
        RuleFor(x => x.Choices).NotEmpty().WithMessage("Choose at least one time.")
            .Must(c => c is null || c.Count <= Domain.Symposia.DrawOpening.MostChoices).WithMessage($"Choose at most {Domain.Symposia.DrawOpening.MostChoices} times.")
            .Must(c => c is null || c.All(x => x is not null && x.ToChoice() is not null))
            .WithMessage("Each choice is {slotId}, {date, time} or {date, therapistId}, with the date as YYYY-MM-DD and the time as HH:mm.");
    }
}

/// <summary>A choice as shown back: what was asked, and how it reads.</summary>
public sealed record ChoiceView(int Rank, Guid? SlotId, LocalDate? Date, LocalTime? Time, Guid? TherapistId, string Label);

/// <summary>
/// A request as its holder sees it. <see cref="Token"/> is given once, when it is made: it is the only key to the
/// request and, after the draw, to the booking it won (<see cref="BookingId"/>).
/// </summary>
public sealed record DrawRequestView(
    Guid Id,
    Guid SymposiumId,
    DrawRequestStatus Status,
    string Name,
    string Email,
    string? Phone,
    Rate Rate,
    PaymentMethod Payment,
    IReadOnlyList<ChoiceView> Choices,
    Instant SubmittedAt,
    Instant UpdatedAt,
    Instant RequestsCloseAt,
    bool Changeable,
    int? Position,
    int? ChoiceRank,
    Guid? BookingId,
    string? Token = null);
