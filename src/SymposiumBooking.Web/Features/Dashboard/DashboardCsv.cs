using System.Globalization;
using System.Text;

namespace SymposiumBooking.Web.Features.Dashboard;

/// <summary>
/// The dashboard as CSV, one number per line (<c>section,item,measure,value</c>) so that a spreadsheet can pivot it.
/// Money is in minor units, its item the currency. The guidebook's Stripe fees are not known: their value is empty.
/// </summary>
public static class DashboardCsv
{
    public static string Write(DashboardView d)
    {
        var csv = new StringBuilder();
        Csv.Line(csv, ["section", "item", "measure", "value"]);
        void Row(string section, string item, string measure, long value) =>
            Csv.Line(csv, [section, item, measure, value.ToString(CultureInfo.InvariantCulture)]);
        void Slots(string section, string item, DashboardSlots s)
        {
            Row(section, item, "total", s.Total);
            Row(section, item, "booked", s.Booked);
            Row(section, item, "held", s.Held);
            Row(section, item, "free", s.Free);
        }

        Slots("slots", "all", d.Slots);
        foreach (var day in d.Days)
        {
            Slots("slots_by_day", day.Date, day.Slots);
        }

        foreach (var therapist in d.Therapists)
        {
            Slots("slots_by_therapist", therapist.Name, therapist.Slots);
        }

        var b = d.Bookings;
        Row("bookings", "all", "active", b.Active);
        Row("bookings", "all", "checked_in", b.CheckedIn);
        var s = b.ByStatus;
        foreach (var (status, count) in new (string, int)[]
                 {
                     ("awaitingPayment", s.AwaitingPayment), ("confirmed", s.Confirmed), ("completed", s.Completed), ("noShow", s.NoShow),
                     ("cancelled", s.Cancelled), ("expired", s.Expired), ("refunded", s.Refunded),
                 })
        {
            Row("bookings", "status", status, count);
        }

        Row("bookings", "rate", "standard", b.ByRate.Standard);
        Row("bookings", "rate", "reduced", b.ByRate.Reduced);
        Row("bookings", "payment", "online", b.ByPayment.Online);
        Row("bookings", "payment", "atTable", b.ByPayment.AtTable);
        var m = d.Money;
        Row("money", m.Currency, "paid_online", m.PaidOnlineCents);
        Row("money", m.Currency, "collected_at_table", m.CollectedAtTableCents);
        Row("money", m.Currency, "to_collect", m.ToCollectCents);
        Row("money", m.Currency, "refunded", m.RefundedCents);
        Row("money", m.Currency, "reduced_rate_subsidy", m.ReducedRateSubsidyCents);
        Row("waitlist", "all", "waiting", d.Waitlist.Waiting);
        Row("waitlist", "all", "offered", d.Waitlist.Offered);
        foreach (var g in d.Guidebook)
        {
            Row("guidebook", g.Currency, "orders", g.Orders);
            Row("guidebook", g.Currency, "gross_paid", g.GrossPaidCents);
            Row("guidebook", g.Currency, "shipping", g.ShippingCents);
            Row("guidebook", g.Currency, "refunded", g.RefundedCents);
            Row("guidebook", g.Currency, "net", g.NetCents);
            Row("guidebook", g.Currency, "copies_sold", g.CopiesSold);
            Csv.Line(csv, ["guidebook", g.Currency, "stripe_fees", g.StripeFeesCents?.ToString(CultureInfo.InvariantCulture) ?? ""]);
        }

        foreach (var day in d.BookedPerDay)
        {
            Row("booked_per_day", day.Date, "bookings", day.Bookings);
        }

        return csv.ToString();
    }
}
