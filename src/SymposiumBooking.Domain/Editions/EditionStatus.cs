namespace SymposiumBooking.Domain.Editions;

public enum EditionStatus
{
    Draft,
    Published,
}
