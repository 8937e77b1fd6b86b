using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Features.Therapists;
using SymposiumBooking.Web.Features.Waitlist;
using SymposiumBooking.Web.Infrastructure.Http;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Waitlist;

/// <summary>Joining the waitlist of the current symposium, without JavaScript: post, then redirect with a notice.</summary>
[EnableRateLimiting(RateLimits.Waitlist)]
[FormsReadByHand]
public sealed class IndexModel(ISender sender, IClock clock, IOptions<WaitlistOptions> waitlist) : PageModel
{
    public SymposiumView? Symposium { get; private set; }

    /// <summary>Whether booking, and so the waitlist, is open now.</summary>
    public bool Open { get; private set; }

    public IReadOnlyList<string> Days { get; private set; } = [];

    public IReadOnlyList<TherapistView> Therapists { get; private set; } = [];

    /// <summary>"2 hours": how long an offer is kept for the person it goes to.</summary>
    public string OfferTime
    {
        get
        {
            var minutes = (int)waitlist.Value.OfferDuration.TotalMinutes;
            return minutes % 60 == 0 ? $"{minutes / 60} hour{(minutes == 60 ? "" : "s")}" : $"{minutes} minutes";
        }
    }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? TherapistId { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Symposium is null)
        {
            return NotFound();
        }

        Guid? therapistId = null;
        if (!string.IsNullOrEmpty(TherapistId))
        {
            if (Guid.TryParse(TherapistId, out var id))
            {
                therapistId = id;
            }
            else
            {
                ModelState.AddModelError(nameof(TherapistId), "Choose a therapist from the list, or any therapist.");
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
        }

        var body = new WaitlistBody(Name, Email, string.IsNullOrEmpty(Date) ? null : Date, therapistId);
        var joined = await sender.Send(new JoinWaitlist(Symposium.Id, body), ct);
        if (joined.IsFailure)
        {
            return this.Refused(joined.Error);
        }

        var entry = joined.Value.Entry;
        var day = entry.Date is { } d ? Display.Date(d) : "any day";
        var with = Therapists.FirstOrDefault(t => t.Id == entry.TherapistId)?.Name ?? "any therapist";
        TempData["Notice"] = $"You're on the waitlist for {day} with {with}. Please confirm it with the link we are emailing to {entry.Email} "
            + $"within 24 hours: until then no time is offered to you. When a time frees up we email you, and it is then kept for you for {OfferTime}.";
        return Redirect("/waitlist");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var current = await sender.Send(new GetCurrentSymposium(), ct);
        if (current.IsFailure)
        {
            return;
        }

        var s = Symposium = current.Value;
        var now = clock.GetCurrentInstant().ToDateTimeOffset();
        Open = !s.ReadOnly && s.Policy is { } p && p.BookingOpensAt <= now && now < p.BookingClosesAt;
        var first = ApiFormat.ParseDate(s.StartDate);
        var last = ApiFormat.ParseDate(s.EndDate);
        Days = [.. Enumerable.Range(0, Period.Between(first, last, PeriodUnits.Days).Days + 1).Select(i => ApiFormat.Date(first.PlusDays(i)))];
        var therapists = await sender.Send(new ListTherapists(s.Id), ct);
        Therapists = therapists.IsSuccess ? therapists.Value : [];
    }
}
