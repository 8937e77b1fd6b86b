using System.Text.Json;
using System.Text.Json.Serialization;
using SymposiumBooking.Domain.Opening;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>A slot the draw could give: its id, day (YYYY-MM-DD) and start (HH:mm) in the symposium's zone, and its therapist.</summary>
public sealed record PublishedSlot(Guid Id, string Date, string Start, Guid TherapistId);

/// <summary>One choice as published: exactly one of <c>{slotId}</c>, <c>{date, time}</c>, <c>{date, therapistId}</c>.</summary>
public sealed record PublishedChoice(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? SlotId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Date,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Time,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? TherapistId);

/// <summary>A request as published: its pseudonymous id and ranked choices; no name, address or health information.</summary>
public sealed record PublishedRequest(Guid Id, IReadOnlyList<PublishedChoice> Choices);

/// <summary>What the draw gave one request: its turn (1 = first served), and the slot and the rank of the choice it met, or nulls.</summary>
public sealed record PublishedAllocation(Guid RequestId, int Position, Guid? SlotId, int? ChoiceRank);

/// <summary>
/// Everything the draw ran on and gave, as stored when it ran and published after (docs/fair-opening.md, "How to
/// check it"): with the revealed seed, enough to recompute every allocation.
/// </summary>
public sealed record PublishedDraw(
    IReadOnlyList<PublishedSlot> Slots, IReadOnlyList<PublishedRequest> Requests, IReadOnlyList<PublishedAllocation> Allocations)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PublishedDraw FromJson(string json) => JsonSerializer.Deserialize<PublishedDraw>(json, Json)!;

    public static PublishedChoice Choice(RequestedChoice c) => new(
        c.SlotId,
        c.Date is { } d ? NodaTime.Text.LocalDatePattern.Iso.Format(d) : null,
        c.Time is { } t ? ApiFormat.TimeOfDay(t) : null,
        c.TherapistId);
}
