using NodaTime;
using SymposiumBooking.Domain.Opening;

namespace SymposiumBooking.Domain.Tests.Opening;

/// <summary>
/// The draw's promises, checked on thousands of generated symposia and request sets (a seeded generator, so a failure
/// is reproducible from the case number it names).
/// </summary>
public sealed class DrawTests
{
    private const int Cases = 2000;

    private static readonly LocalDate FirstDay = new(2027, 6, 11);

    [Fact]
    public void A_request_gets_its_first_choice_still_free_in_the_drawn_order()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var therapist = Guid.NewGuid();
        var slots = new[] { new DrawSlot(a, FirstDay, new LocalTime(9, 0), therapist), new DrawSlot(b, FirstDay, new LocalTime(10, 0), therapist) };
        var wantA = new DrawChoice[] { new DrawChoice.OneSlot(a), new DrawChoice.OneSlot(b) };

        var result = Draw.Run(SeedFrom(new Random(1)), slots, [new DrawEntry("r1", wantA), new DrawEntry("r2", wantA), new DrawEntry("r3", wantA)]);

        Assert.Equal([a, b, null], result.OrderBy(x => x.Position).Select(x => x.SlotId).ToArray());
        Assert.Equal([1, 2, (int?)null], result.OrderBy(x => x.Position).Select(x => x.ChoiceRank).ToArray());
    }

    [Fact]
    public void Any_therapist_at_a_time_gives_the_first_free_one_in_the_published_order()
    {
        var time = new LocalTime(9, 0);
        var slots = Enumerable.Range(0, 3).Select(_ => new DrawSlot(Guid.NewGuid(), FirstDay, time, Guid.NewGuid())).ToList();
        var expected = slots.Order(DrawSlotOrder.Instance).Select(s => (Guid?)s.Id).ToArray();
        var anyone = new DrawChoice[] { new DrawChoice.AnyTherapistAt(FirstDay, time) };

        var result = Draw.Run(SeedFrom(new Random(2)), slots, [.. Enumerable.Range(1, 3).Select(i => new DrawEntry($"r{i}", anyone))]);

        Assert.Equal(expected, result.OrderBy(x => x.Position).Select(x => x.SlotId).ToArray());
    }

    [Fact]
    public void No_slot_is_given_twice_and_each_request_gets_at_most_the_choice_it_asked_for()
    {
        ForEachCase((c, slots, entries, result) =>
        {
            Assert.Equal(entries.Count, result.Count);
            Assert.Equal(entries.Count, result.Select(x => x.RequestId).Distinct().Count());
            var given = result.Where(x => x.Won).Select(x => x.SlotId!.Value).ToList();
            Assert.True(given.Count == given.Distinct().Count(), $"case {c}: a slot given twice");
            var byId = slots.ToDictionary(s => s.Id);
            var choices = entries.ToDictionary(e => e.RequestId, e => e.Choices);
            foreach (var won in result.Where(x => x.Won))
            {
                Assert.True(byId.ContainsKey(won.SlotId!.Value), $"case {c}: a slot that was not free");
                Assert.True(choices[won.RequestId][won.ChoiceRank!.Value - 1].Matches(byId[won.SlotId!.Value]), $"case {c}: not the choice named");
            }
        });
    }

    [Fact]
    public void Each_request_gets_its_best_choice_still_free_at_its_turn_and_a_loser_had_none_left()
    {
        ForEachCase((c, slots, entries, result) =>
        {
            var choices = entries.ToDictionary(e => e.RequestId, e => e.Choices);
            var free = slots.ToHashSet();
            foreach (var turn in result.OrderBy(x => x.Position))
            {
                var wanted = choices[turn.RequestId];
                var better = wanted.Take((turn.ChoiceRank ?? wanted.Count + 1) - 1);
                Assert.False(better.Any(choice => free.Any(choice.Matches)), $"case {c}: {turn.RequestId} passed over a better free choice");
                if (turn.Won)
                {
                    Assert.True(free.RemoveWhere(s => s.Id == turn.SlotId) == 1, $"case {c}: slot not free at its turn");
                }
            }
        });
    }

    [Fact]
    public void No_two_winners_would_both_rather_have_the_others_slot()
    {
        ForEachCase((c, slots, entries, result) =>
        {
            var byId = slots.ToDictionary(s => s.Id);
            var choices = entries.ToDictionary(e => e.RequestId, e => e.Choices);
            int Rank(string request, Guid slot) => choices[request].Select((ch, i) => (ch, i)).FirstOrDefault(x => x.ch.Matches(byId[slot]), (null!, int.MaxValue)).Item2;
            var winners = result.Where(x => x.Won).ToList();
            foreach (var x in winners)
            {
                foreach (var y in winners.Where(y => y.Position > x.Position))
                {
                    var xWouldSwap = Rank(x.RequestId, y.SlotId!.Value) < Rank(x.RequestId, x.SlotId!.Value);
                    var yWouldSwap = Rank(y.RequestId, x.SlotId!.Value) < Rank(y.RequestId, y.SlotId!.Value);
                    Assert.False(xWouldSwap && yWouldSwap, $"case {c}: {x.RequestId} and {y.RequestId} would both rather swap");
                }
            }
        });
    }

    [Fact]
    public void The_same_seed_slots_and_requests_give_the_same_result_in_whatever_order_they_are_listed()
    {
        ForEachCase((c, slots, entries, result) =>
        {
            var shuffle = new Random(c);
            var again = Draw.Run(SeedOf(c), [.. slots.OrderBy(_ => shuffle.Next())], [.. entries.OrderBy(_ => shuffle.Next())]);
            Assert.Equal(result, again);
        });
    }

    [Fact]
    public void A_different_seed_gives_a_different_order()
    {
        var entries = Enumerable.Range(1, 50).Select(i => new DrawEntry($"r{i}", [])).ToList();

        var one = Draw.Run(SeedOf(1), [], entries).OrderBy(x => x.Position).Select(x => x.RequestId);
        var other = Draw.Run(SeedOf(2), [], entries).OrderBy(x => x.Position).Select(x => x.RequestId);

        Assert.NotEqual(one, other);
    }

    /// <summary>
    /// 100 people ask for the same three slots, in the order they submitted; the draw runs under 10,000 seeds. How often
    /// someone gets their first choice must not depend on when they asked: a chi-square test over the ten deciles of
    /// submission time against equal shares (9 degrees of freedom; 27.877 is the 0.001 critical value), and each
    /// single person's share is near everyone else's.
    /// </summary>
    [Fact]
    public void The_chance_of_a_first_choice_does_not_depend_on_when_the_request_was_made()
    {
        const int Seeds = 10_000;
        const int People = 100;
        var therapist = Guid.NewGuid();
        var slots = Enumerable.Range(0, 3).Select(i => new DrawSlot(Guid.NewGuid(), FirstDay, new LocalTime(9 + i, 0), therapist)).ToList();
        DrawChoice[] same = [.. slots.Select(s => new DrawChoice.OneSlot(s.Id))];
        var entries = Enumerable.Range(0, People).Select(i => new DrawEntry($"req-{i:D3}", same)).ToList(); // numbered in submission order
        var submitted = entries.Select((e, i) => (e.RequestId, i)).ToDictionary(x => x.RequestId, x => x.i);

        var firstChoices = new int[People];
        var random = new Random(2027);
        for (var s = 0; s < Seeds; s++)
        {
            var first = Draw.Run(SeedFrom(random), slots, entries).Single(x => x.ChoiceRank == 1);
            firstChoices[submitted[first.RequestId]]++;
        }

        var deciles = Enumerable.Range(0, 10).Select(d => firstChoices.Skip(d * 10).Take(10).Sum()).ToArray();
        var expected = Seeds / 10.0;
        var chiSquare = deciles.Sum(o => (o - expected) * (o - expected) / expected);
        Assert.True(chiSquare < 27.877, $"first choices by decile {string.Join(", ", deciles)}: chi-square {chiSquare:F1}");
        Assert.All(firstChoices, n => Assert.InRange(n, 50, 160)); // each person's expected 100 (binomial, sd ≈ 10)
    }

    /// <summary>
    /// Three groups of 20 identical requests compete for nine slots, each group with its own shape of choices (slots by
    /// id; any therapist at a time; any time with a therapist), under 10,000 seeds. Within each group every member's
    /// chance of a slot and of a first choice must be the same: a chi-square test of the members' counts against their
    /// group's mean (19 degrees of freedom; 43.820 is the 0.001 critical value). What a request asks for may change its
    /// chances; who made it, and when, may not.
    /// </summary>
    [Fact]
    public void Equal_requests_have_equal_chances_whatever_the_shape_of_their_choices()
    {
        const int Seeds = 10_000;
        const int PerGroup = 20;
        var (ana, ben, cy) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var slots = new[] { ana, ben, cy }
            .SelectMany(t => Enumerable.Range(0, 3).Select(h => new DrawSlot(Guid.NewGuid(), FirstDay, new LocalTime(9 + h, 0), t)))
            .ToList();
        DrawChoice[][] shapes =
        [
            [new DrawChoice.OneSlot(slots[0].Id), new DrawChoice.OneSlot(slots[4].Id)],
            [new DrawChoice.AnyTherapistAt(FirstDay, new LocalTime(9, 0)), new DrawChoice.AnyTherapistAt(FirstDay, new LocalTime(10, 0))],
            [new DrawChoice.AnyTimeWith(FirstDay, cy), new DrawChoice.AnyTimeWith(FirstDay, ben)],
        ];
        var entries = shapes
            .SelectMany((shape, g) => Enumerable.Range(0, PerGroup).Select(i => new DrawEntry($"group{g}-{i:D2}", shape)))
            .ToList();
        var index = entries.Select((e, i) => (e.RequestId, i)).ToDictionary(x => x.RequestId, x => x.i);

        var won = new int[entries.Count];
        var first = new int[entries.Count];
        var random = new Random(28);
        for (var s = 0; s < Seeds; s++)
        {
            foreach (var a in Draw.Run(SeedFrom(random), slots, entries).Where(a => a.Won))
            {
                won[index[a.RequestId]]++;
                first[index[a.RequestId]] += a.ChoiceRank == 1 ? 1 : 0;
            }
        }

        for (var g = 0; g < shapes.Length; g++)
        {
            foreach (var (what, counts) in new[] { ("a slot", won), ("a first choice", first) })
            {
                var group = counts.Skip(g * PerGroup).Take(PerGroup).ToArray();
                var expected = group.Average();
                Assert.True(expected > 100, $"group {g}: too few with {what} ({expected:F0}) for the test to mean anything");
                var chiSquare = group.Sum(o => (o - expected) * (o - expected) / expected);
                Assert.True(chiSquare < 43.820, $"group {g}, {what}: {string.Join(", ", group)}: chi-square {chiSquare:F1}");
            }
        }
    }

    private static void ForEachCase(Action<int, IReadOnlyList<DrawSlot>, IReadOnlyList<DrawEntry>, IReadOnlyList<DrawAllocation>> check)
    {
        for (var c = 0; c < Cases; c++)
        {
            var (slots, entries) = Generate(new Random(c));
            check(c, slots, entries, Draw.Run(SeedOf(c), slots, entries));
        }
    }

    /// <summary>A small symposium (1–3 days, 1–4 therapists, hourly slots, some already gone) and 0–40 requests of 0–5 choices of every kind.</summary>
    private static (IReadOnlyList<DrawSlot> Slots, IReadOnlyList<DrawEntry> Entries) Generate(Random random)
    {
        var days = Enumerable.Range(0, random.Next(1, 4)).Select(FirstDay.PlusDays).ToList();
        var therapists = Enumerable.Range(0, random.Next(1, 5)).Select(_ => NextGuid(random)).ToList();
        var times = Enumerable.Range(9, random.Next(1, 6)).Select(h => new LocalTime(h, 0)).ToList();
        var all = (from d in days from t in therapists from h in times select new DrawSlot(NextGuid(random), d, h, t)).ToList();
        var free = all.Where(_ => random.NextDouble() > 0.2).ToList();

        DrawChoice Pick() => random.Next(3) switch
        {
            0 => new DrawChoice.OneSlot(all[random.Next(all.Count)].Id), // sometimes one that is already gone
            1 => new DrawChoice.AnyTherapistAt(days[random.Next(days.Count)], times[random.Next(times.Count)]),
            _ => new DrawChoice.AnyTimeWith(days[random.Next(days.Count)], therapists[random.Next(therapists.Count)]),
        };
        var entries = Enumerable.Range(0, random.Next(0, 41))
            .Select(i => new DrawEntry($"req-{i:D3}", [.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => Pick())]))
            .ToList();
        return (free, entries);
    }

    private static Guid NextGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static DrawSeed SeedOf(int c) => SeedFrom(new Random(c + 1_000_000));

    private static DrawSeed SeedFrom(Random random)
    {
        var bytes = new byte[DrawSeed.Length];
        random.NextBytes(bytes);
        return DrawSeed.FromHex(Convert.ToHexString(bytes))!;
    }
}
