using Microsoft.AspNetCore.Mvc.ModelBinding;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Payments;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>Money taken at the table as the form sends it: the method's radio, the amount as typed, a note.</summary>
public sealed class TablePaymentForm
{
    public static readonly IReadOnlyList<Choice> Methods =
    [
        new(ApiFormat.Enum(TablePaymentMethod.Cash), "Cash"),
        new(ApiFormat.Enum(TablePaymentMethod.Card), "Card"),
        new(ApiFormat.Enum(TablePaymentMethod.Other), "Other (say what in the note)"),
    ];

    public string? Method { get; set; }

    [ApiName("amountCents")]
    public string? Amount { get; set; }

    public string? Note { get; set; }

    /// <summary>The entry a correction replaces (a hidden input); null for the first entry.</summary>
    public Guid? Replaces { get; set; }

    public static TablePaymentForm Prefilled(long amountCents, string currency, Guid? replaces = null) =>
        new() { Method = ApiFormat.Enum(TablePaymentMethod.Cash), Amount = Display.Amount(amountCents, currency), Replaces = replaces };

    public TablePaymentMethod? ChosenMethod() =>
        Enum.GetValues<TablePaymentMethod>().Cast<TablePaymentMethod?>().FirstOrDefault(m => ApiFormat.Enum(m!.Value) == Method);

    /// <summary>The entry as the handler takes it; an amount that cannot be read is noted in <paramref name="problems"/>.</summary>
    public TablePaymentBody Read(string currency, ModelStateDictionary problems) =>
        new(ChosenMethod(), ReadAmount(currency, problems, FormFields.Key(nameof(Amount))), string.IsNullOrWhiteSpace(Note) ? null : Note, Replaces);

    /// <summary>The walk-in's payment, bound beside its booking form as <c>Payment</c>.</summary>
    public TablePaymentNow ReadNow(string currency, ModelStateDictionary problems) =>
        new(ChosenMethod(), ReadAmount(currency, problems, $"Payment.{nameof(Amount)}"));

    private long? ReadAmount(string currency, ModelStateDictionary problems, string key)
    {
        if (Display.TryMinorUnits(Amount, currency, out var minor))
        {
            return minor;
        }

        problems.AddModelError(key, "Enter the amount as a number with a point for decimals, for example 60.00.");
        return null;
    }
}
