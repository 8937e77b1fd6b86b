using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Payments;

/// <summary>Refusals of the table's payment ledger (<see cref="TablePayment"/>).</summary>
public static class TablePaymentErrors
{
    public static readonly Error NotAtTable =
        new("payment.not_at_table", ErrorKind.Rule, "This booking is paid online: only bookings paid at the table have a table ledger.");

    /// <summary>
    /// The ledger is not as the request saw it: a first entry already exists, or the entry to correct was corrected
    /// meanwhile (the database's two unique indexes decide a race).
    /// </summary>
    public static readonly Error Changed =
        new("payment.table_changed", ErrorKind.Conflict,
            "Someone recorded a payment for this booking at the same moment, so this one was not recorded. Look at the ledger again and correct its latest entry if needed.");

    public static readonly Error UnknownEntry =
        new("payment.unknown_entry", ErrorKind.Rule, "There is no such entry in this booking's ledger.")
        {
            Fields = new Dictionary<string, string[]> { ["replaces"] = ["There is no such entry in this booking's ledger."] },
        };
}
