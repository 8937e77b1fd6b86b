namespace SymposiumBooking.Domain.Opening;

/// <summary>One request as the draw sees it: its public id and its ranked choices, best first.</summary>
public sealed record DrawEntry(string RequestId, IReadOnlyList<DrawChoice> Choices);

/// <summary>What the draw gave one request: a slot and the rank (1 = first choice) of the choice it met, or nothing.</summary>
public sealed record DrawAllocation(string RequestId, int Position, Guid? SlotId, int? ChoiceRank)
{
    public bool Won => SlotId is not null;
}

/// <summary>
/// The fair opening's allocation (docs/fair-opening.md): random serial dictatorship. The requests are put in the order
/// of their <see cref="DrawSeed.OrderKey"/> (ties, which need a SHA-256 collision, by id), then served one by one:
/// each gets the highest-ranked of its choices that still matches a free slot. When it was made does not matter, and
/// nobody gains by ranking other than truly (a later choice is only ever looked at when every earlier one is gone).
/// The same seed, slots and requests always give the same result.
/// </summary>
public static class Draw
{
    public static IReadOnlyList<DrawAllocation> Run(DrawSeed seed, IReadOnlyCollection<DrawSlot> freeSlots, IReadOnlyCollection<DrawEntry> entries)
    {
        var ordered = entries
            .Select(e => (Entry: e, Key: seed.OrderKey(e.RequestId)))
            .Order(Comparer<(DrawEntry Entry, byte[] Key)>.Create((a, b) =>
            {
                var c = a.Key.AsSpan().SequenceCompareTo(b.Key);
                return c != 0 ? c : string.CompareOrdinal(a.Entry.RequestId, b.Entry.RequestId);
            }))
            .Select(x => x.Entry)
            .ToList();

        var free = new FreeSlots(freeSlots);
        var allocations = new List<DrawAllocation>(ordered.Count);
        foreach (var entry in ordered)
        {
            var position = allocations.Count + 1;
            var given = entry.Choices.Select((choice, i) => (Slot: free.TakeFirst(choice), Rank: i + 1)).FirstOrDefault(x => x.Slot is not null);
            allocations.Add(new DrawAllocation(entry.RequestId, position, given.Slot?.Id, given.Slot is null ? null : given.Rank));
        }

        return allocations;
    }

    /// <summary>The slots still free, indexed by each kind of choice, each list in <see cref="DrawSlotOrder"/>.</summary>
    private sealed class FreeSlots
    {
        private readonly Dictionary<Guid, DrawSlot> _byId = [];
        private readonly Dictionary<(NodaTime.LocalDate, NodaTime.LocalTime), List<DrawSlot>> _byTime = [];
        private readonly Dictionary<(NodaTime.LocalDate, Guid), List<DrawSlot>> _byTherapistDay = [];
        private readonly HashSet<Guid> _taken = [];

        public FreeSlots(IEnumerable<DrawSlot> slots)
        {
            foreach (var slot in slots.Order(DrawSlotOrder.Instance))
            {
                if (!_byId.TryAdd(slot.Id, slot))
                {
                    continue; // listed twice: one slot all the same
                }

                Add(_byTime, (slot.Date, slot.Start), slot);
                Add(_byTherapistDay, (slot.Date, slot.TherapistId), slot);
            }
        }

        /// <summary>Takes the first free slot the choice matches; null when none is left.</summary>
        public DrawSlot? TakeFirst(DrawChoice choice)
        {
            var found = choice switch
            {
                DrawChoice.OneSlot one => _byId.TryGetValue(one.SlotId, out var slot) && !_taken.Contains(slot.Id) ? slot : null,
                DrawChoice.AnyTherapistAt at => FirstFree(_byTime, (at.Date, at.Time)),
                DrawChoice.AnyTimeWith with => FirstFree(_byTherapistDay, (with.Date, with.TherapistId)),
                _ => throw new ArgumentOutOfRangeException(nameof(choice)),
            };
            if (found is not null)
            {
                _taken.Add(found.Id);
            }

            return found;
        }

        private DrawSlot? FirstFree<TKey>(Dictionary<TKey, List<DrawSlot>> index, TKey key)
            where TKey : notnull
        {
            if (!index.TryGetValue(key, out var list))
            {
                return null;
            }

            // Taken slots are dropped from the front as they are met, so a popular list is not scanned again and again.
            var skip = 0;
            while (skip < list.Count && _taken.Contains(list[skip].Id))
            {
                skip++;
            }

            list.RemoveRange(0, skip);
            return list.FirstOrDefault(s => !_taken.Contains(s.Id));
        }

        private static void Add<TKey>(Dictionary<TKey, List<DrawSlot>> index, TKey key, DrawSlot slot)
            where TKey : notnull
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(slot);
        }
    }
}
