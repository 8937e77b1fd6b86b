using NodaTime;

namespace SymposiumBooking.Domain.Bookings;

/// <summary>Which way the head is pulled round (rotational torticollis).</summary>
public enum HeadTurn
{
    None,
    Left,
    Right,
    Varies,
}

/// <summary>Which way the head is pulled over (laterocollis, anterocollis, retrocollis).</summary>
public enum HeadTilt
{
    None,
    Left,
    Right,
    Forward,
    Back,
}

public enum PainArea
{
    NeckLeft,
    NeckRight,
    ShoulderLeft,
    ShoulderRight,
    UpperBack,
    BackOfHead,
    Jaw,
    Arms,
}

/// <summary>Deep brain stimulation: whether a lead is implanted, and on which side.</summary>
public enum DbsImplant
{
    None,
    Left,
    Right,
    Both,
}

public enum ComfortablePosition
{
    Seated,
    FaceDown,
    SideLying,
    OnBack,
}

/// <summary>
/// What the therapist needs to know before the session. The massage works the upper back, back of the neck,
/// occipital ridge and jaw, and always avoids the front of the neck (sternocleidomastoid, scalenes).
/// Stored encrypted; only the booking's therapist and the organizers read it.
/// </summary>
public sealed record Intake(
    HeadTurn HeadTurn,
    HeadTilt HeadTilt,
    IReadOnlyList<PainArea> PainAreas,
    LocalDate? LastBotoxInjection,
    DbsImplant Dbs,
    bool BloodThinners,
    bool RecentNeckSurgery,
    IReadOnlyList<ComfortablePosition> ComfortablePositions,
    string? Note,
    bool Consent)
{
    public const int MaxNoteLength = 1000;

    /// <summary>Botulinum toxin injections within this many days change how firmly the neck is worked.</summary>
    public const int RecentBotoxDays = 14;

    public bool HadBotoxWithin(LocalDate sessionDate) =>
        LastBotoxInjection is { } last && last <= sessionDate && Period.Between(last, sessionDate, PeriodUnits.Days).Days <= RecentBotoxDays;
}
