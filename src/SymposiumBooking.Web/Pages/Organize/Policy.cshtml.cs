using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class PolicyModel(ISender sender) : SymposiumPageModel(sender)
{
    [BindProperty]
    public PolicyForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return NotFound();
        }

        Form = Symposium.Policy is { } p ? PolicyForm.From(p) : new PolicyForm { ReducedRateLimit = "1", HoldMinutes = "30", CutoffHours = "24" };
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

    public static PolicyForm From(PolicyView p) => new()
    {
        OpensAt = p.BookingOpensAt.ToString(LocalMinutes, CultureInfo.InvariantCulture),
        ClosesAt = p.BookingClosesAt.ToString(LocalMinutes, CultureInfo.InvariantCulture),
        ReducedRateLimit = p.ReducedRateLimitPerAttendee.ToString(CultureInfo.InvariantCulture),
        HoldMinutes = p.HoldMinutes.ToString(CultureInfo.InvariantCulture),
        CutoffHours = p.CancellationCutoffHours.ToString(CultureInfo.InvariantCulture),
    };

    public PolicyBody Read(ModelStateDictionary problems) => new(
        OpensAt ?? "",
        ClosesAt ?? "",
        FormText.Whole(ReducedRateLimit, nameof(ReducedRateLimit), problems),
        FormText.Whole(HoldMinutes, nameof(HoldMinutes), problems),
        FormText.Whole(CutoffHours, nameof(CutoffHours), problems));
}
