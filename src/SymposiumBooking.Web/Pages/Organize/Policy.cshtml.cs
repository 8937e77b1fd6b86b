using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Pages.Forms;
using Mode = SymposiumBooking.Domain.Symposia.OpeningMode;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class PolicyModel(ISender sender) : SymposiumPageModel(sender)
{
    public static readonly IReadOnlyList<Choice> OpeningModes =
    [
        new(ApiFormat.Enum(Mode.FirstCome), "First-come: bookings open at a set time"),
        new(ApiFormat.Enum(Mode.Draw), "By draw: ranked requests first, then a fair draw"),
    ];

    [BindProperty]
    public PolicyForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return NotFound();
        }

        Form = Symposium.Policy is { } p ? PolicyForm.From(p) : new PolicyForm
        {
            ReducedRateLimit = "1",
            HoldMinutes = "30",
            CutoffHours = "24",
            OpeningMode = ApiFormat.Enum(Mode.FirstCome),
            MaxChoices = DrawOpening.DefaultMaxChoices.ToString(CultureInfo.InvariantCulture),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return NotFound();
        }

        var command = new SetBookingPolicy(id, Form.Read(ModelState));
        if (Unread)
        {
            return Unreadable(command);
        }

        var set = await Sender.Send(command, ct);
        return set.IsFailure ? Refused(set.Error) : Done(StepUrl(id, "therapists"), "Booking policy saved.");
    }
}

/// <summary>The policy form as typed: opening and closing as local date-times in the symposium's zone.</summary>
public sealed class PolicyForm
{
    private const string LocalMinutes = "yyyy'-'MM'-'dd'T'HH':'mm";

    [ApiName("bookingOpensAt")]
    public string? OpensAt { get; set; }

    [ApiName("bookingClosesAt")]
    public string? ClosesAt { get; set; }

    [ApiName("reducedRateLimitPerAttendee")]
    public string? ReducedRateLimit { get; set; }

    public string? HoldMinutes { get; set; }

    [ApiName("cancellationCutoffHours")]
    public string? CutoffHours { get; set; }

    /// <summary><c>firstCome</c> or <c>draw</c> (docs/fair-opening.md).</summary>
    public string? OpeningMode { get; set; }

    public string? RequestsOpenAt { get; set; }

    public string? RequestsCloseAt { get; set; }

    public string? MaxChoices { get; set; }

    private bool ByDraw => OpeningMode == ApiFormat.Enum(Mode.Draw);

    public static PolicyForm From(PolicyView p) => new()
    {
        OpensAt = p.BookingOpensAt.ToString(LocalMinutes, CultureInfo.InvariantCulture),
        ClosesAt = p.BookingClosesAt.ToString(LocalMinutes, CultureInfo.InvariantCulture),
        ReducedRateLimit = p.ReducedRateLimitPerAttendee.ToString(CultureInfo.InvariantCulture),
        HoldMinutes = p.HoldMinutes.ToString(CultureInfo.InvariantCulture),
        CutoffHours = p.CancellationCutoffHours.ToString(CultureInfo.InvariantCulture),
        OpeningMode = ApiFormat.Enum(p.OpeningMode),
        RequestsOpenAt = p.RequestsOpenAt?.ToString(LocalMinutes, CultureInfo.InvariantCulture),
        RequestsCloseAt = p.RequestsCloseAt?.ToString(LocalMinutes, CultureInfo.InvariantCulture),
        MaxChoices = (p.MaxChoices ?? DrawOpening.DefaultMaxChoices).ToString(CultureInfo.InvariantCulture),
    };

    public PolicyBody Read(ModelStateDictionary problems) => new(
        OpensAt ?? "",
        ClosesAt ?? "",
        FormText.Whole(ReducedRateLimit, nameof(ReducedRateLimit), problems),
        FormText.Whole(HoldMinutes, nameof(HoldMinutes), problems),
        FormText.Whole(CutoffHours, nameof(CutoffHours), problems),
        ByDraw ? Mode.Draw : Mode.FirstCome,
        ByDraw ? RequestsOpenAt ?? "" : null,
        ByDraw ? RequestsCloseAt ?? "" : null,
        ByDraw ? FormText.Whole(MaxChoices, nameof(MaxChoices), problems) : null);
}
