using NodaTime;

namespace SymposiumBooking.Domain.Bookings;

/// <summary>
/// What a therapist must see at a glance before a session, derived from the intake and nothing else: the schedule,
/// the session page and the printed day sheet all show these, never the intake's text. The front of the neck is
/// always avoided, so that flag is always set.
/// </summary>
public sealed record IntakeFlags(bool FrontOfNeckAvoided, bool RecentBotox, DbsImplant Dbs, bool BloodThinners, bool RecentNeckSurgery)
{
    /// <summary>Only the always-on flag: a session whose intake is missing still gets the reminder.</summary>
    public static readonly IntakeFlags None = new(true, false, DbsImplant.None, false, false);

    public static IntakeFlags For(Intake intake, LocalDate sessionDate) =>
        new(true, intake.HadBotoxWithin(sessionDate), intake.Dbs, intake.BloodThinners, intake.RecentNeckSurgery);

    /// <summary>The flags as short words for people (badges, the printed sheet), most important first.</summary>
    public IReadOnlyList<string> Labels()
    {
        var labels = new List<string>(5);
        if (FrontOfNeckAvoided)
        {
            labels.Add("Avoid front of neck");
        }

        if (RecentBotox)
        {
            labels.Add($"Botox within {Intake.RecentBotoxDays} days");
        }

        if (Dbs != DbsImplant.None)
        {
            labels.Add(Dbs == DbsImplant.Both ? "DBS: both sides" : $"DBS: {Dbs.ToString().ToLowerInvariant()} side");
        }

        if (BloodThinners)
        {
            labels.Add("Blood thinners");
        }

        if (RecentNeckSurgery)
        {
            labels.Add("Recent neck surgery");
        }

        return labels;
    }
}
