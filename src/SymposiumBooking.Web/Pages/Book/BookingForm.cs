using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Bookings;

namespace SymposiumBooking.Web.Pages.Book;

/// <summary>
/// The booking form as the browser sends it: text, the value of each checked radio and checkbox. Reading it into
/// a <see cref="BookingBody"/> only translates; what is missing stays null for the request's validator to name.
/// </summary>
public sealed class BookingForm
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Rate { get; set; }

    public bool ConfirmsCondition { get; set; }

    public string? Payment { get; set; }

    public string? HeadTurn { get; set; }

    public string? HeadTilt { get; set; }

    public List<string> PainAreas { get; set; } = [];

    public string? LastBotoxInjection { get; set; }

    public string? Dbs { get; set; }

    public string? BloodThinners { get; set; }

    public string? RecentNeckSurgery { get; set; }

    public List<string> ComfortablePositions { get; set; } = [];

    public string? Note { get; set; }

    public bool Consent { get; set; }

    /// <summary>Made when the form is first shown and sent back with it, so one form books at most once.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>
    /// Another free time the attendee chose after the page's own slot was taken (the refusal offers the nearest ones);
    /// null books the slot the page is for.
    /// </summary>
    public Guid? OtherSlotId { get; set; }

    public BookingBody ToBody(Guid slotId, string? offerToken) => new(
        slotId,
        Name?.Trim(),
        Email?.Trim(),
        string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim(),
        Choice<Rate>(Rate),
        Choice<PaymentMethod>(Payment),
        ConfirmsCondition,
        new IntakeBody(
            Choice<HeadTurn>(HeadTurn),
            Choice<HeadTilt>(HeadTilt),
            [.. PainAreas.Select(Choice<PainArea>).OfType<PainArea>()],
            string.IsNullOrWhiteSpace(LastBotoxInjection) ? null : LastBotoxInjection.Trim(),
            Choice<DbsImplant>(Dbs),
            YesNo(BloodThinners),
            YesNo(RecentNeckSurgery),
            [.. ComfortablePositions.Select(Choice<ComfortablePosition>).OfType<ComfortablePosition>()],
            Note,
            Consent),
        string.IsNullOrEmpty(offerToken) ? null : offerToken);

    /// <summary>A radio's value ("atTable") as its enum member; anything else (nothing checked, a forged value) is null.</summary>
    private static T? Choice<T>(string? value)
        where T : struct, Enum
    {
        foreach (var member in Enum.GetValues<T>())
        {
            if (ApiFormat.Enum(member) == value)
            {
                return member;
            }
        }

        return null;
    }

    private static bool? YesNo(string? value) => value switch
    {
        Choices.Yes => true,
        Choices.No => false,
        _ => null,
    };
}

/// <summary>One radio or checkbox: the value sent and the words shown.</summary>
public sealed record Choice(string Value, string Label);

/// <summary>The answers offered for each question, in plain words.</summary>
public static class Choices
{
    public const string Yes = "yes";
    public const string No = "no";

    public static readonly IReadOnlyList<Choice> YesOrNo = [new(Yes, "Yes"), new(No, "No")];

    public static readonly IReadOnlyList<Choice> HeadTurns =
    [
        Of(HeadTurn.None, "It does not turn"),
        Of(HeadTurn.Left, "To the left"),
        Of(HeadTurn.Right, "To the right"),
        Of(HeadTurn.Varies, "It changes"),
    ];

    public static readonly IReadOnlyList<Choice> HeadTilts =
    [
        Of(HeadTilt.None, "It does not tilt"),
        Of(HeadTilt.Left, "Towards the left shoulder"),
        Of(HeadTilt.Right, "Towards the right shoulder"),
        Of(HeadTilt.Forward, "Forward, chin down"),
        Of(HeadTilt.Back, "Back, chin up"),
    ];

    public static readonly IReadOnlyList<Choice> PainAreas =
    [
        Of(PainArea.NeckLeft, "Left side of the neck"),
        Of(PainArea.NeckRight, "Right side of the neck"),
        Of(PainArea.ShoulderLeft, "Left shoulder"),
        Of(PainArea.ShoulderRight, "Right shoulder"),
        Of(PainArea.UpperBack, "Upper back"),
        Of(PainArea.BackOfHead, "Back of the head"),
        Of(PainArea.Jaw, "Jaw"),
        Of(PainArea.Arms, "Arms"),
    ];

    public static readonly IReadOnlyList<Choice> DbsImplants =
    [
        Of(DbsImplant.None, "No implant"),
        Of(DbsImplant.Left, "Yes, left side"),
        Of(DbsImplant.Right, "Yes, right side"),
        Of(DbsImplant.Both, "Yes, both sides"),
    ];

    public static readonly IReadOnlyList<Choice> Positions =
    [
        Of(ComfortablePosition.Seated, "Sitting up"),
        Of(ComfortablePosition.FaceDown, "Lying face down"),
        Of(ComfortablePosition.SideLying, "Lying on my side"),
        Of(ComfortablePosition.OnBack, "Lying on my back"),
    ];

    public static string Value<T>(T member)
        where T : struct, Enum => ApiFormat.Enum(member);

    private static Choice Of<T>(T member, string label)
        where T : struct, Enum => new(ApiFormat.Enum(member), label);
}

/// <summary>A group of radios or checkboxes in a fieldset (Shared/_Choices.cshtml draws it).</summary>
public sealed record ChoiceGroup(FormErrors Errors, string Id, string Name, string Legend, IReadOnlyList<Choice> Choices, IReadOnlyCollection<string> Checked)
{
    public bool Multiple { get; init; }

    public string? Hint { get; init; }

    public string? HintId => Hint is null ? null : Id + "-hint";

    /// <summary>The first input's id: the error summary links there.</summary>
    public string FirstId => InputId(Choices[0]);

    public string InputId(Choice choice) => $"{Id}-{choice.Value}";

    public static IReadOnlyCollection<string> One(string? value) => value is null ? [] : [value];
}
