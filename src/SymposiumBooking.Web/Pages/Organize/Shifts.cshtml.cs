using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NodaTime.Text;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Shifts;
using SymposiumBooking.Web.Features.Therapists;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Organize;

public sealed class ShiftsModel(ISender sender) : SymposiumPageModel(sender)
{
    public IReadOnlyList<TherapistView> Therapists { get; private set; } = [];

    public IReadOnlyList<ShiftView> Shifts { get; private set; } = [];

    /// <summary>The symposium's days as ISO dates, for the date select.</summary>
    public IReadOnlyList<string> Days { get; private set; } = [];

    [BindProperty]
    public ShiftForm Form { get; set; } = new();

    /// <summary>The slots the form would create, after the Preview button (without JavaScript).</summary>
    public IReadOnlyList<PlannedSlot>? Preview { get; private set; }

    /// <summary>The shift whose removal waits for a confirmation (<c>?removeShift=</c>).</summary>
    public ShiftView? ToRemove { get; private set; }

    public string TherapistName(Guid id) => Therapists.FirstOrDefault(t => t.Id == id)?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? therapist, string? date, Guid? removeShift, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Form = new ShiftForm
        {
            TherapistId = therapist ?? (Therapists.Count == 1 ? Therapists[0].Id : null),
            Date = date is not null && Days.Contains(date) ? date : Days.Count > 0 ? Days[0] : null,
            Start = "09:00",
            End = "17:00",
            SessionMinutes = "50",
            BufferMinutes = "10",
        };
        ToRemove = Shifts.FirstOrDefault(s => s.ShiftId == removeShift);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var read = Form.Read(ModelState);
        var command = new AddShift(id, read.TherapistId, read.Body);
        if (Unread)
        {
            return Unreadable(command);
        }

        var added = await Sender.Send(command, ct);
        if (added.IsFailure)
        {
            return Refused(added.Error);
        }

        var s = added.Value;
        return Done(
            $"{StepUrl(id, "shifts")}?therapist={read.TherapistId}&date={s.Date}",
            $"Shift added: {TherapistName(read.TherapistId)}, {Display.Date(s.Date)}, {Display.Time(s.Start)} to {Display.Time(s.End)}, {s.Slots.Count} slots.");
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var read = Form.Read(ModelState);
        var query = new PreviewShift(id, read.TherapistId, read.Body);
        if (Unread)
        {
            return Unreadable(query);
        }

        var preview = await Sender.Send(query, ct);
        if (preview.IsFailure)
        {
            return Refused(preview.Error);
        }

        Preview = preview.Value.Slots;
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid therapistId, Guid shiftId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var removed = await Sender.Send(new RemoveShift(id, therapistId, shiftId), ct);
        return removed.IsFailure ? Refused(removed.Error) : Done(StepUrl(id, "shifts"), "Shift removed, with its slots.");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return false;
        }

        var therapists = await Sender.Send(new ListTherapists(id), ct);
        Therapists = therapists.IsSuccess ? therapists.Value : [];
        var shifts = await Sender.Send(new ListShifts(id, null, null), ct);
        Shifts = shifts.IsSuccess
            ? [.. shifts.Value.OrderBy(s => s.Date, StringComparer.Ordinal).ThenBy(s => s.Start, StringComparer.Ordinal).ThenBy(s => TherapistName(s.TherapistId))]
            : [];
        Days = SymposiumDays(Symposium.StartDate, Symposium.EndDate);
        return true;
    }

    public static IReadOnlyList<string> SymposiumDays(string isoStart, string isoEnd) =>
        ApiFormat.Dates(LocalDatePattern.Iso.Parse(isoStart).Value, LocalDatePattern.Iso.Parse(isoEnd).Value);
}

/// <summary>The shift form as typed. Up to three breaks; a break row left empty is no break.</summary>
public sealed class ShiftForm
{
    public const int BreakRows = 3;

    public Guid? TherapistId { get; set; }

    public string? Date { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }

    public string? SessionMinutes { get; set; }

    public string? BufferMinutes { get; set; }

    public List<BreakForm> Breaks { get; set; } = [];

    public string? Location { get; set; }

    /// <summary>Every break row, for the page: the ones not sent are empty.</summary>
    public List<BreakForm> BreakRowsShown()
    {
        while (Breaks.Count < BreakRows)
        {
            Breaks.Add(new BreakForm());
        }

        return Breaks;
    }

    /// <summary>
    /// The shift as the handlers take it; what could not be read is noted in <paramref name="problems"/>. The break
    /// rows left empty are dropped first, so the request's <c>breaks[i]</c> is the form's row i.
    /// </summary>
    public (Guid TherapistId, ShiftBody Body) Read(ModelStateDictionary problems)
    {
        if (TherapistId is null)
        {
            problems.AddFormProblem(nameof(TherapistId), "Choose the therapist who works this shift.");
        }

        var session = FormText.Whole(SessionMinutes, nameof(SessionMinutes), problems) ?? 0;
        var buffer = FormText.Whole(BufferMinutes, nameof(BufferMinutes), problems) ?? 0;
        Breaks = [.. Breaks.Take(BreakRows).Where(b => !b.IsEmpty)];
        var breaks = Breaks.Select(b => new BreakBody(b.Start ?? "", b.End ?? "")).ToList();
        return (TherapistId ?? Guid.Empty, new ShiftBody(Date ?? "", Start ?? "", End ?? "", session, buffer, breaks, Location ?? ""));
    }
}

public sealed class BreakForm
{
    public string? Start { get; set; }

    public string? End { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Start) && string.IsNullOrWhiteSpace(End);
}
