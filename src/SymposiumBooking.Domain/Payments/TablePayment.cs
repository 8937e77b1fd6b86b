using NodaTime;

namespace SymposiumBooking.Domain.Payments;

/// <summary>How a payment at the symposium's table was made.</summary>
public enum TablePaymentMethod
{
    Cash,
    Card,
    Other,
}

/// <summary>
/// One entry of a booking's ledger of money taken at the table: the amount, how, which staff member recorded it and
/// when. Entries are never changed: a correction is a new entry that <see cref="Replaces"/> the one it corrects (an
/// amount of zero says the payment was recorded by mistake). What was collected for a booking is the amount of its one
/// entry that no other entry replaces. The database keeps the ledger a single chain: one first entry per booking, and
/// each entry replaced at most once, so two organizers recording at the same moment cannot both win.
/// </summary>
public sealed class TablePayment
{
    public const int MaxNoteLength = 200;

    private TablePayment()
    {
    }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    public Guid SymposiumId { get; private set; }

    public long AmountCents { get; private set; }

    public string Currency { get; private set; } = "";

    public TablePaymentMethod Method { get; private set; }

    /// <summary>The staff account that recorded it; kept when that account is removed.</summary>
    public Guid RecordedBy { get; private set; }

    public Instant RecordedAt { get; private set; }

    /// <summary>The entry this one corrects, or null for the booking's first entry.</summary>
    public Guid? Replaces { get; private set; }

    /// <summary>Why it was corrected, or what "other" means: no health data.</summary>
    public string? Note { get; private set; }

    public static TablePayment Record(
        Guid bookingId, Guid symposiumId, long amountCents, string currency, TablePaymentMethod method, Guid recordedBy, Instant now,
        Guid? replaces = null, string? note = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountCents);
        return new TablePayment
        {
            Id = Guid.CreateVersion7(),
            BookingId = bookingId,
            SymposiumId = symposiumId,
            AmountCents = amountCents,
            Currency = currency,
            Method = method,
            RecordedBy = recordedBy,
            RecordedAt = now,
            Replaces = replaces,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        };
    }
}
