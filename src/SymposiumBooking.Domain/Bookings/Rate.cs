namespace SymposiumBooking.Domain.Bookings;

public enum Rate
{
    /// <summary>For people living with cervical dystonia / spasmodic torticollis, limited per attendee.</summary>
    Reduced,
    Standard,
}

public enum PaymentMethod
{
    AtTable,
    Online,
}
