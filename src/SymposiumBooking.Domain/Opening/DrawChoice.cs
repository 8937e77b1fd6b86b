using NodaTime;

namespace SymposiumBooking.Domain.Opening;

/// <summary>A slot that is free when the draw runs: its day and start in the symposium's zone, and its therapist.</summary>
public sealed record DrawSlot(Guid Id, LocalDate Date, LocalTime Start, Guid TherapistId);

/// <summary>
/// One ranked wish of a request: one slot, any therapist at a time, or any time with a therapist on a day. When a
/// choice matches several free slots, the draw gives the first of them in <see cref="DrawSlotOrder"/>.
/// </summary>
public abstract record DrawChoice
{
    public abstract bool Matches(DrawSlot slot);

    /// <summary>This slot.</summary>
    public sealed record OneSlot(Guid SlotId) : DrawChoice
    {
        public override bool Matches(DrawSlot slot) => slot.Id == SlotId;
    }

    /// <summary>Any therapist, at this time on this day.</summary>
    public sealed record AnyTherapistAt(LocalDate Date, LocalTime Time) : DrawChoice
    {
        public override bool Matches(DrawSlot slot) => slot.Date == Date && slot.Start == Time;
    }

    /// <summary>Any time on this day, with this therapist.</summary>
    public sealed record AnyTimeWith(LocalDate Date, Guid TherapistId) : DrawChoice
    {
        public override bool Matches(DrawSlot slot) => slot.Date == Date && slot.TherapistId == TherapistId;
    }
}

/// <summary>
/// The order in which the slots a choice matches are given: by day, start, then the therapist's and the slot's id as
/// lowercase text (ordinal), so that a verifier in any language sorts them the same way.
/// </summary>
public sealed class DrawSlotOrder : IComparer<DrawSlot>
{
    public static readonly DrawSlotOrder Instance = new();

    public int Compare(DrawSlot? x, DrawSlot? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var c = x.Date.CompareTo(y.Date);
        c = c != 0 ? c : x.Start.CompareTo(y.Start);
        c = c != 0 ? c : string.CompareOrdinal(x.TherapistId.ToString(), y.TherapistId.ToString());
        return c != 0 ? c : string.CompareOrdinal(x.Id.ToString(), y.Id.ToString());
    }
}
