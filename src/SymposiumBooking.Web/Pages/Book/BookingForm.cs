using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Book;

/// <summary>
/// The booking form as the browser sends it: text, the value of each checked radio and checkbox. Reading it into
/// a <see cref="BookingBody"/> only translates; what is missing stays null for the request's validator to name.
/// The health questions are asked on the same level as the rest, so their fields name the request's <c>intake</c>.
/// </summary>
public class BookingForm
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Rate { get; set; }

    public bool ConfirmsCondition { get; set; }

    public string? Payment { get; set; }

    [ApiName("intake.headTurn")]
    public string? HeadTurn { get; set; }

    [ApiName("intake.headTilt")]
    public string? HeadTilt { get; set; }

    [ApiName("intake.painAreas")]
    public List<string> PainAreas { get; set; } = [];

    [ApiName("intake.lastBotoxInjection")]
    public string? LastBotoxInjection { get; set; }

    [ApiName("intake.dbs")]
    public string? Dbs { get; set; }

    [ApiName("intake.bloodThinners")]
    public string? BloodThinners { get; set; }

    [ApiName("intake.recentNeckSurgery")]
    public string? RecentNeckSurgery { get; set; }

    [ApiName("intake.comfortablePositions")]
    public List<string> ComfortablePositions { get; set; } = [];

    [ApiName("intake.note")]
    public string? Note { get; set; }

    [ApiName("intake.consent")]
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
    internal static T? Choice<T>(string? value)
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

/// <summary>A page that binds a <see cref="BookingForm"/> as <c>Form</c>: the health questions' partial draws it.</summary>
public interface IBookingFormPage
{
    BookingForm Form { get; }
}

/// <summary>The answers offered for each question, in plain words, in the order of the enum.</summary>
public static class Choices
{
    public const string Yes = "yes";
    public const string No = "no";

    public static readonly IReadOnlyList<Choice> YesOrNo = [new(Yes, "Yes"), new(No, "No")];

    private static readonly Dictionary<Enum, string> Labels = new()
    {
        [HeadTurn.None] = "It does not turn",
        [HeadTurn.Left] = "To the left",
        [HeadTurn.Right] = "To the right",
        [HeadTurn.Varies] = "It changes",
        [HeadTilt.None] = "It does not tilt",
        [HeadTilt.Left] = "Towards the left shoulder",
        [HeadTilt.Right] = "Towards the right shoulder",
        [HeadTilt.Forward] = "Forward, chin down",
        [HeadTilt.Back] = "Back, chin up",
        [PainArea.NeckLeft] = "Left side of the neck",
        [PainArea.NeckRight] = "Right side of the neck",
        [PainArea.ShoulderLeft] = "Left shoulder",
        [PainArea.ShoulderRight] = "Right shoulder",
        [PainArea.UpperBack] = "Upper back",
        [PainArea.BackOfHead] = "Back of the head",
        [PainArea.Jaw] = "Jaw",
        [PainArea.Arms] = "Arms",
        [DbsImplant.None] = "No implant",
        [DbsImplant.Left] = "Yes, left side",
        [DbsImplant.Right] = "Yes, right side",
        [DbsImplant.Both] = "Yes, both sides",
        [ComfortablePosition.Seated] = "Sitting up",
        [ComfortablePosition.FaceDown] = "Lying face down",
        [ComfortablePosition.SideLying] = "Lying on my side",
        [ComfortablePosition.OnBack] = "Lying on my back",
    };

    public static readonly IReadOnlyList<Choice> HeadTurns = Of<HeadTurn>();

    public static readonly IReadOnlyList<Choice> HeadTilts = Of<HeadTilt>();

    public static readonly IReadOnlyList<Choice> PainAreas = Of<PainArea>();

    public static readonly IReadOnlyList<Choice> DbsImplants = Of<DbsImplant>();

    public static readonly IReadOnlyList<Choice> Positions = Of<ComfortablePosition>();

    public static string Value<T>(T member)
        where T : struct, Enum => ApiFormat.Enum(member);

    private static Choice[] Of<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(m => new Choice(ApiFormat.Enum(m), Labels[m]))];
}
