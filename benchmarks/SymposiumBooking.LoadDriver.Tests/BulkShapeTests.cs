namespace SymposiumBooking.LoadDriver.Tests;

/// <summary>
/// The bulk symposia hold enough slots for a run on any machine, and the app accepts them: a symposium lasts at most
/// 14 days (<c>symposium.too_long</c>), so a longer or faster run gets more therapists, not more days.
/// </summary>
public sealed class BulkShapeTests
{
    [Theory]
    [InlineData(2, 1000)]
    [InlineData(5, 5000)]
    [InlineData(10, 5000)]
    [InlineData(30, 20000)]
    public void A_run_of_any_length_and_rate_gets_enough_slots_in_at_most_fourteen_days(double seconds, double fastestRate)
    {
        var settings = new ScenarioSettings(new Uri("http://127.0.0.1/"), "", "", "", "", seconds, FastestRate: fastestRate);

        var (days, therapists) = Scenarios.BulkShape(settings);

        Assert.InRange(days, 1, 14);
        Assert.InRange(therapists, 16, int.MaxValue);
        var needed = fastestRate * (2 + (4 * seconds)); // the warm-up's 2 s, three S1 runs and S3
        Assert.True(days * therapists * 288 >= needed, $"{days} days of {therapists} therapists hold fewer than {needed} slots");
    }
}
