namespace SymposiumBooking.Domain.Bookings;

/// <summary>
/// The health intake of one booking, kept apart from the booking so that reading a booking never loads it.
/// <see cref="Data"/> is encrypted at rest by the persistence layer.
/// </summary>
public sealed class BookingIntake
{
    private BookingIntake()
    {
    }

    public Guid BookingId { get; private set; }

    public string Data { get; private set; } = "";

    public static BookingIntake Create(Guid bookingId, string data) => new() { BookingId = bookingId, Data = data };
}
