namespace SymposiumBooking.Domain.Symposia;

public enum SymposiumStatus
{
    Draft,
    Published,

    /// <summary>Over and put away: read-only, out of the organizers' current list; its records stay.</summary>
    Archived,
}
