using Mediator;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Features.Slots;
using SymposiumBooking.Web.Features.Symposia;

namespace SymposiumBooking.Web.Pages.Book;

/// <summary>
/// The free times of one day of a symposium, grouped by therapist (Shared/_SlotPicker.cshtml draws it). The same
/// picker serves booking (each time is a link to its form) and rescheduling (each time is a button that posts).
/// </summary>
public sealed record SlotPicker(
    string PageUrl,
    bool ChooseByPost,
    SymposiumView Symposium,
    IReadOnlyList<LocalDate> Days,
    LocalDate Date,
    IReadOnlyList<TherapistChoice> Therapists,
    Guid? Therapist,
    IReadOnlyList<TherapistSlots> Free)
{
    public string? TherapistName => Therapists.FirstOrDefault(t => t.Id == Therapist)?.Name;

    public string Url(LocalDate date, Guid? therapist) =>
        therapist is { } t ? $"{PageUrl}?date={ApiFormat.Date(date)}&therapist={t}" : $"{PageUrl}?date={ApiFormat.Date(date)}";

    public string WaitlistUrl => Therapist is { } t ? $"/waitlist?date={ApiFormat.Date(Date)}&therapist={t}" : $"/waitlist?date={ApiFormat.Date(Date)}";

    /// <summary>
    /// Loads the picker for <paramref name="date"/> (a day of the symposium; otherwise today, or the first day) and
    /// <paramref name="therapist"/> (any when null or unknown).
    /// </summary>
    public static async Task<Result<SlotPicker>> LoadAsync(
        ISender sender, SymposiumView symposium, string? date, Guid? therapist, LocalDate today, string pageUrl, bool chooseByPost, CancellationToken ct)
    {
        var first = ApiFormat.ParseDate(symposium.StartDate);
        var last = ApiFormat.ParseDate(symposium.EndDate);
        var days = new List<LocalDate>();
        for (var d = first; d <= last; d = d.PlusDays(1))
        {
            days.Add(d);
        }

        var chosen = ApiFormat.IsDate(date) && days.Contains(ApiFormat.ParseDate(date!)) ? ApiFormat.ParseDate(date!)
            : days.Contains(today) ? today
            : first;

        // One query for the whole symposium: the therapist filter lists everyone who works at it, on any day.
        var slots = await sender.Send(new ListSlots(symposium.Id, null, null, AvailableOnly: false), ct);
        if (slots.IsFailure)
        {
            return slots.Error;
        }

        var therapists = slots.Value
            .GroupBy(s => s.TherapistId)
            .Select(g => new TherapistChoice(g.Key, g.First().TherapistName))
            .OrderBy(t => t.Name, StringComparer.CurrentCulture)
            .ToList();
        var filter = therapists.Any(t => t.Id == therapist) ? therapist : null;
        var free = slots.Value
            .Where(s => s.Available && LocalDate.FromDateTime(s.StartsAt.DateTime) == chosen && (filter is null || s.TherapistId == filter))
            .GroupBy(s => s.TherapistId)
            .Select(g => new TherapistSlots(g.Key, g.First().TherapistName, [.. g.OrderBy(s => s.StartsAt)]))
            .OrderBy(g => g.Name, StringComparer.CurrentCulture)
            .ToList();
        return new SlotPicker(pageUrl, chooseByPost, symposium, days, chosen, therapists, filter, free);
    }
}

public sealed record TherapistChoice(Guid Id, string Name);

public sealed record TherapistSlots(Guid TherapistId, string Name, IReadOnlyList<SlotView> Slots);
