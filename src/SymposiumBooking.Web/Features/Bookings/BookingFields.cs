using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using NodaTime;
using NodaTime.Text;
using SymposiumBooking.Domain.Bookings;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>What the attendee tells the therapist (docs/attendees.md: <c>intake</c>). Missing answers are null, never a guess.</summary>
public sealed record IntakeBody(
    HeadTurn? HeadTurn,
    HeadTilt? HeadTilt,
    IReadOnlyList<PainArea>? PainAreas,
    string? LastBotoxInjection,
    DbsImplant? Dbs,
    bool? BloodThinners,
    bool? RecentNeckSurgery,
    IReadOnlyList<ComfortablePosition>? ComfortablePositions,
    string? Note,
    bool? Consent)
{
    public Intake ToIntake() => new(
        HeadTurn!.Value,
        HeadTilt!.Value,
        [.. (PainAreas ?? []).Distinct()],
        string.IsNullOrWhiteSpace(LastBotoxInjection) ? null : ApiFormat.ParseDate(LastBotoxInjection),
        Dbs!.Value,
        BloodThinners!.Value,
        RecentNeckSurgery!.Value,
        [.. (ComfortablePositions ?? []).Distinct()],
        string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
        Consent!.Value);
}

/// <summary>
/// A booking as the attendee sends it. <see cref="ConfirmsCondition"/> is the attendee's statement that they live
/// with cervical dystonia / spasmodic torticollis, required for the reduced rate. <see cref="OfferToken"/> claims a
/// slot offered from the waitlist.
/// </summary>
public sealed record BookingBody(
    Guid? SlotId,
    string? Name,
    string? Email,
    string? Phone,
    Rate? Rate,
    PaymentMethod? Payment,
    bool? ConfirmsCondition,
    IntakeBody? Intake,
    string? OfferToken = null);

public sealed class IntakeBodyValidator : AbstractValidator<IntakeBody>
{
    public IntakeBodyValidator()
    {
        RuleFor(x => x.HeadTurn).Chosen("Tell us which way your head turns, or choose 'it does not turn'.");
        RuleFor(x => x.HeadTilt).Chosen("Tell us which way your head tilts, or choose 'it does not tilt'.");
        RuleFor(x => x.PainAreas).Must(a => a is null || a.Count <= 16).WithMessage("Choose each area at most once.");
        RuleFor(x => x.PainAreas).AllListed().WithMessage("Choose from the areas listed.");
        RuleFor(x => x.LastBotoxInjection)
            .Must(d => string.IsNullOrWhiteSpace(d) || ApiFormat.IsDate(d)).WithMessage("Use the form YYYY-MM-DD, or leave it empty.");
        RuleFor(x => x.Dbs).Chosen("Tell us whether you have a deep brain stimulation implant.");
        RuleFor(x => x.BloodThinners).NotNull().WithMessage("Tell us whether you take blood thinners.");
        RuleFor(x => x.RecentNeckSurgery).NotNull().WithMessage("Tell us whether you have had neck surgery recently.");
        RuleFor(x => x.ComfortablePositions).Must(a => a is null || a.Count <= 8).WithMessage("Choose each position at most once.");
        RuleFor(x => x.ComfortablePositions).AllListed().WithMessage("Choose from the positions listed.");
        RuleFor(x => x.Note).MultiLine().MaximumLength(Intake.MaxNoteLength)
            .WithMessage($"Please keep the note under {Intake.MaxNoteLength} characters.");
        RuleFor(x => x.Consent).Equal(true).WithMessage("Please confirm you agree to the massage as described.");
    }
}

public sealed class BookingBodyValidator : AbstractValidator<BookingBody>
{
    public BookingBodyValidator()
    {
        RuleFor(x => x.SlotId).NotNull().WithMessage("Choose a time slot.");
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter your name.").MaximumLength(200).SingleLine();
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your email address.").MaximumLength(320)
            .EmailAddress().WithMessage("Enter an email address like name@example.com.").SingleLine();
        RuleFor(x => x.Phone).MaximumLength(40).Matches(@"^[0-9+()./\- ]*$").WithMessage("Use digits, spaces and + ( ) - only.")
            .SingleLine(); // the pattern's $ also matches before a final line feed
        RuleFor(x => x.Rate).Chosen("Choose the reduced or the standard rate.");
        RuleFor(x => x.Payment).Chosen("Choose how you will pay.");
        RuleFor(x => x.ConfirmsCondition).Equal(true).When(x => x.Rate == Rate.Reduced)
            .WithMessage("The reduced rate is for people living with cervical dystonia (spasmodic torticollis). Please confirm, or choose the standard rate.");
        RuleFor(x => x.Intake).NotNull().WithMessage("Please fill in the health questions.").SetValidator(new IntakeBodyValidator()!);
        RuleFor(x => x.OfferToken).MaximumLength(100);
    }
}

/// <summary>Rules for the answers picked from a list.</summary>
internal static class ChoiceRules
{
    /// <summary>
    /// Answered, and with one of the listed values: System.Text.Json also reads a number into an enum, and an
    /// undefined one would otherwise be stored (or break a database check).
    /// </summary>
    public static IRuleBuilderOptions<T, TEnum?> Chosen<T, TEnum>(this IRuleBuilder<T, TEnum?> rule, string message)
        where TEnum : struct, Enum =>
        rule.NotNull().WithMessage(message).Listed().WithMessage(message);

    /// <summary>
    /// One of the enum's named values. Like FluentValidation's <c>IsInEnum</c> for these enums (none is [Flags]), without
    /// its reflection on every call: the booking validates a dozen of them per request (docs/benchmarks.md).
    /// </summary>
    public static IRuleBuilderOptions<T, TEnum?> Listed<T, TEnum>(this IRuleBuilder<T, TEnum?> rule)
        where TEnum : struct, Enum =>
        rule.Must(value => value is not { } chosen || Enum.IsDefined(chosen));

    /// <summary>
    /// Every chosen value is one of the enum's named values, as one rule on the list (reported under the list's own
    /// name, where the form shows it): FluentValidation's <c>RuleForEach</c> ran a rule per element through the
    /// runtime's generic dispatch, a large share of the booking's validation (docs/adr/0033).
    /// </summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<TEnum>?> AllListed<T, TEnum>(this IRuleBuilder<T, IReadOnlyList<TEnum>?> rule)
        where TEnum : struct, Enum =>
        rule.Must(values => values is null || values.All(Enum.IsDefined));

    /// <inheritdoc cref="Listed{T, TEnum}(IRuleBuilder{T, TEnum?})"/>
    public static IRuleBuilderOptions<T, TEnum> Listed<T, TEnum>(this IRuleBuilder<T, TEnum> rule)
        where TEnum : struct, Enum =>
        rule.Must(value => Enum.IsDefined(value));
}

/// <summary>The intake as it is stored (then encrypted): the domain record in camelCase JSON.</summary>
public static class IntakeJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), ApiFormat.DateJson },
    };

    public static string Write(Intake intake) => JsonSerializer.Serialize(intake, Options);

    public static Intake Read(string json) => JsonSerializer.Deserialize<Intake>(json, Options)!;
}
