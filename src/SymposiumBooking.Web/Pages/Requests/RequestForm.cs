using System.Globalization;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Opening;
using SymposiumBooking.Web.Pages.Book;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Requests;

/// <summary>
/// The request form as the browser sends it: the booking form's fields (read the same way, <see cref="BookingForm"/>),
/// the ranked choices as hidden inputs (best first, each a <see cref="ChoiceCode"/>), and the button pressed. Every
/// button posts the whole form, so what was typed stays while choices are added, moved and removed without script
/// (docs/adr/0140).
/// </summary>
public sealed class RequestForm : BookingForm
{
    [ApiName("choices")]
    public List<string> Choices { get; set; } = [];

    /// <summary>The day whose times the form offers to add.</summary>
    public string? Day { get; set; }

    /// <summary>
    /// The button pressed: <c>send</c> (also what Enter in a field presses), <c>add:</c> a choice's code,
    /// <c>up:</c>/<c>down:</c>/<c>remove:</c> a choice's index, <c>day:</c> a date.
    /// </summary>
    public string? Action { get; set; }

    public bool Sending => Action is null or ChoiceEdit.Send;

    public RequestBody ToBody()
    {
        var b = ToBody(Guid.Empty, null);
        return new RequestBody(b.Name, b.Email, b.Phone, b.Rate, b.Payment, b.ConfirmsCondition, b.Intake, [.. Choices.Select(ChoiceCode.Read)]);
    }

    /// <summary>The form as a request already is, to change it. The health answers are not shown back (docs/adr/0141).</summary>
    public static RequestForm From(DrawRequestView r) => new()
    {
        Name = r.Name,
        Email = r.Email,
        Phone = r.Phone,
        Rate = Book.Choices.Value(r.Rate),
        ConfirmsCondition = r.Rate == Domain.Bookings.Rate.Reduced, // the reduced rate could only be asked for with it
        Payment = Book.Choices.Value(r.Payment),
        Choices = [.. r.Choices.Select(c => ChoiceCode.Write(new RequestedChoice(c.SlotId, c.Date, c.Time, c.TherapistId)))],
        Day = r.Choices.FirstOrDefault(c => c.Date is not null)?.Date is { } d ? ApiFormat.Date(d) : null,
    };
}

/// <summary>
/// A choice as one form value: <c>slot:{id}</c>, <c>at:{YYYY-MM-DD}T{HH:mm}</c> (any therapist then) or
/// <c>with:{YYYY-MM-DD}:{therapistId}</c> (any time that day with this therapist).
/// </summary>
public static class ChoiceCode
{
    public static string Write(RequestedChoice c) => c.ToDrawChoice() switch
    {
        DrawChoice.OneSlot one => $"slot:{one.SlotId}",
        DrawChoice.AnyTherapistAt at => $"at:{ApiFormat.Date(at.Date)}T{ApiFormat.TimeOfDay(at.Time)}",
        DrawChoice.AnyTimeWith with => $"with:{ApiFormat.Date(with.Date)}:{with.TherapistId}",
        _ => "",
    };

    /// <summary>The choice as the request's body has it; a value of none of the shapes reads as an empty choice, which the validator names.</summary>
    public static ChoiceBody Read(string? code)
    {
        var (kind, rest) = code?.IndexOf(':') is > 0 and var colon ? (code[..colon], code[(colon + 1)..]) : ("", "");
        switch (kind)
        {
            case "slot" when Guid.TryParse(rest, CultureInfo.InvariantCulture, out var slot):
                return new ChoiceBody(slot, null, null, null);
            case "at" when rest.Split('T') is [var date, var time]:
                return new ChoiceBody(null, date, time, null);
            case "with" when rest.IndexOf(':') is > 0 and var at && Guid.TryParse(rest[(at + 1)..], CultureInfo.InvariantCulture, out var therapist):
                return new ChoiceBody(null, rest[..at], null, therapist);
            default:
                return new ChoiceBody(null, null, null, null);
        }
    }

    /// <summary>The choice a code names, or null.</summary>
    public static RequestedChoice? Parse(string? code) => Read(code).ToChoice();
}

/// <summary>What one press of a list button did: the new list, what to announce, and which control to focus.</summary>
public sealed record ChoiceEdit(IReadOnlyList<string> Choices, string? Said, string? FocusId)
{
    public const string Send = "send";

    /// <summary>
    /// Applies <paramref name="action"/> to <paramref name="choices"/>. After a move, focus stays on the moved choice's
    /// same button at its new place (or its other one at an end of the list), as a list reordered by script would
    /// keep it; after adding or removing, it goes to the message that says what happened.
    /// </summary>
    public static ChoiceEdit Apply(IReadOnlyList<string> choices, string action, int most, Func<string, string> label)
    {
        var list = choices.ToList();
        var (verb, arg) = action.IndexOf(':') is > 0 and var colon ? (action[..colon], action[(colon + 1)..]) : (action, "");
        var index = int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < list.Count ? i : -1;
        switch (verb)
        {
            case "add" when ChoiceCode.Parse(arg) is not null:
                if (list.Contains(arg))
                {
                    return new ChoiceEdit(list, $"{label(arg)} is already number {list.IndexOf(arg) + 1} on your list.", ChoicesStatus);
                }

                if (list.Count >= most)
                {
                    return new ChoiceEdit(list, $"You already have the most choices allowed ({most}). Remove one to add another.", ChoicesStatus);
                }

                list.Add(arg);
                return new ChoiceEdit(list, $"Added {label(arg)} as number {list.Count}.", ChoicesStatus);
            case "up" when index > 0:
            case "down" when index >= 0 && index < list.Count - 1:
                var to = verb == "up" ? index - 1 : index + 1;
                (list[index], list[to]) = (list[to], list[index]);
                var edge = (verb == "up" && to == 0) || (verb == "down" && to == list.Count - 1);
                var button = edge ? (verb == "up" ? "down" : "up") : verb;
                return new ChoiceEdit(list, $"Moved {label(list[to])} to number {to + 1}.", $"choice-{to}-{button}");
            case "remove" when index >= 0:
                var removed = list[index];
                list.RemoveAt(index);
                return new ChoiceEdit(list, $"Removed {label(removed)}.", ChoicesStatus);
            default:
                return new ChoiceEdit(list, null, null);
        }
    }

    /// <summary>The id of the message that says what the last press did.</summary>
    public const string ChoicesStatus = "choices-status";
}

/// <summary>The times the form offers to add on one day: each start time (any therapist), and each therapist's day and slots.</summary>
public sealed record ChoiceOptions(
    IReadOnlyList<LocalDate> Days,
    LocalDate Day,
    IReadOnlyList<LocalTime> Times,
    IReadOnlyList<TherapistOptions> Therapists,
    IReadOnlyList<NamedSlot> AllSlots)
{
    /// <summary>The choice for people, as the request's page shows it.</summary>
    public string Label(string code) => ChoiceCode.Parse(code) is { } c ? DrawRequests.Label(c, AllSlots) : "a choice that cannot be read";

    public static ChoiceOptions From(IReadOnlyList<Features.Shifts.SlotView> slots, LocalDate first, LocalDate last, string? day)
    {
        var days = new List<LocalDate>();
        for (var d = first; d <= last; d = d.PlusDays(1))
        {
            days.Add(d);
        }

        var all = slots.Select(s => new NamedSlot(new DrawSlot(s.Id, LocalDate.FromDateTime(s.StartsAt.DateTime), LocalTime.FromTimeOnly(TimeOnly.FromDateTime(s.StartsAt.DateTime)), s.TherapistId), s.TherapistName, s.Available)).ToList();
        var chosen = ApiFormat.IsDate(day) && days.Contains(ApiFormat.ParseDate(day!)) ? ApiFormat.ParseDate(day!)
            : all.Where(s => s.Slot.Date >= first).Select(s => s.Slot.Date).DefaultIfEmpty(first).Min();
        var free = slots.Where(s => s.Available).Select(s => s.Id).ToHashSet();
        var onDay = all.Where(s => s.Slot.Date == chosen && free.Contains(s.Slot.Id)).OrderBy(s => s.Slot, DrawSlotOrder.Instance).ToList();
        return new ChoiceOptions(
            days,
            chosen,
            [.. onDay.Select(s => s.Slot.Start).Distinct().Order()],
            [.. onDay.GroupBy(s => s.TherapistId)
                .Select(g => new TherapistOptions(g.Key, g.First().TherapistName, [.. g.Select(s => s.Slot)]))
                .OrderBy(t => t.Name, StringComparer.CurrentCulture)],
            all);
    }
}

public sealed record TherapistOptions(Guid Id, string Name, IReadOnlyList<DrawSlot> Slots);
