namespace SymposiumBooking.Domain.Bookings;

/// <summary>
/// Where a booking is in its life. AwaitingPayment, Confirmed, Completed and NoShow hold the slot
/// (see <see cref="BookingStatuses.HoldingSlot"/>); the others free it.
/// </summary>
public enum BookingStatus
{
    AwaitingPayment,
    Confirmed,
    Cancelled,
    Expired,
    Refunded,
    Completed,
    NoShow,
}

public static class BookingStatuses
{
    /// <summary>The statuses that keep a slot taken. The database's partial unique index lists the same ones.</summary>
    public static readonly IReadOnlyList<BookingStatus> HoldingSlot =
        [BookingStatus.AwaitingPayment, BookingStatus.Confirmed, BookingStatus.Completed, BookingStatus.NoShow];
}
