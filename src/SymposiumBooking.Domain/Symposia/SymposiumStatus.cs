namespace SymposiumBooking.Domain.Symposia;

public enum SymposiumStatus
{
    Draft,
    Published,
}
