using NodaTime;

namespace SymposiumBooking.Domain.Opening;

/// <summary>
/// The draw of one symposium: its seed (kept protected until the draw), the seed's published commitment and, once run,
/// what it was run on and what it gave (<see cref="Published"/>: the JSON anyone can check, docs/fair-opening.md).
/// </summary>
public sealed class SymposiumDraw
{
    private SymposiumDraw()
    {
    }

    public Guid SymposiumId { get; private set; }

    /// <summary>The seed's hex, protected by the service's keys: nobody reading the database learns it before the draw.</summary>
    public string ProtectedSeed { get; private set; } = "";

    /// <summary>SHA-256 of the seed, lowercase hex, published from the start.</summary>
    public string Commitment { get; private set; } = "";

    public Instant CommittedAt { get; private set; }

    public Instant? DrawnAt { get; private set; }

    /// <summary>The seed, revealed at the draw.</summary>
    public string? Seed { get; private set; }

    public int? RequestCount { get; private set; }

    public int? AllocatedCount { get; private set; }

    /// <summary>The draw's inputs and allocations as published (JSON); null before the draw.</summary>
    public string? Published { get; private set; }

    public bool HasRun => DrawnAt is not null;

    public static SymposiumDraw Commit(Guid symposiumId, DrawSeed seed, string protectedSeed, Instant now) => new()
    {
        SymposiumId = symposiumId,
        ProtectedSeed = protectedSeed,
        Commitment = seed.Commitment,
        CommittedAt = now,
    };

    public void Record(DrawSeed seed, int requestCount, int allocatedCount, string published, Instant now)
    {
        Seed = seed.Hex;
        RequestCount = requestCount;
        AllocatedCount = allocatedCount;
        Published = published;
        DrawnAt = now;
    }
}
