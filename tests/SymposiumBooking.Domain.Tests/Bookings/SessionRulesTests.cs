using NodaTime;
using SymposiumBooking.Domain.Bookings;

namespace SymposiumBooking.Domain.Tests.Bookings;

public sealed class SessionRulesTests
{
    private static readonly Instant Start = Instant.FromUtc(2027, 6, 11, 14, 0);
    private static readonly LocalDate Day = new(2027, 6, 11);

    private static Booking Confirmed() => Booking.Create(
        new BookingRequest(Guid.NewGuid(), Guid.NewGuid(), "Ada Lovelace", "ada@example.org", null, Rate.Reduced, PaymentMethod.AtTable, 2500, "USD", null),
        "hash", Start - Duration.FromDays(30));

    private static Intake IntakeWith(LocalDate? botox = null, DbsImplant dbs = DbsImplant.None, bool thinners = false, bool surgery = false) =>
        new(HeadTurn.Left, HeadTilt.None, [PainArea.NeckLeft], botox, dbs, thinners, surgery, [ComfortablePosition.Seated], "a private note", true);

    [Fact]
    public void A_session_cannot_be_marked_before_it_starts()
    {
        var booking = Confirmed();

        Assert.Equal(SessionErrors.NotStarted, booking.RecordOutcome(SessionOutcome.Completed, Start, Start - Duration.FromSeconds(1)).Error);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
    }

    [Fact]
    public void Marking_the_same_way_twice_changes_nothing_the_second_time_and_a_mistake_can_be_switched()
    {
        var booking = Confirmed();

        Assert.True(booking.RecordOutcome(SessionOutcome.NoShow, Start, Start).Value);
        Assert.False(booking.RecordOutcome(SessionOutcome.NoShow, Start, Start + Duration.FromMinutes(1)).Value);
        Assert.True(booking.RecordOutcome(SessionOutcome.Completed, Start, Start + Duration.FromMinutes(2)).Value);
        Assert.Equal(BookingStatus.Completed, booking.Status);
    }

    [Fact]
    public void A_cancelled_booking_has_no_session_to_mark()
    {
        var booking = Confirmed();
        Assert.True(booking.Cancel(Start, 24, Start - Duration.FromDays(2)).IsSuccess);

        Assert.Equal(SessionErrors.NotActive, booking.RecordOutcome(SessionOutcome.Completed, Start, Start).Error);
    }

    [Fact]
    public void Front_of_the_neck_is_always_flagged_and_botox_counts_for_fourteen_days_before_the_session()
    {
        Assert.Equal(["Avoid front of neck"], IntakeFlags.For(IntakeWith(), Day).Labels());
        Assert.Equal(["Avoid front of neck"], IntakeFlags.None.Labels());
        Assert.True(IntakeFlags.For(IntakeWith(botox: Day.PlusDays(-14)), Day).RecentBotox);
        Assert.False(IntakeFlags.For(IntakeWith(botox: Day.PlusDays(-15)), Day).RecentBotox);
    }

    [Fact]
    public void Dbs_side_blood_thinners_and_neck_surgery_become_words_never_the_note()
    {
        var labels = IntakeFlags.For(IntakeWith(botox: Day.PlusDays(-3), dbs: DbsImplant.Right, thinners: true, surgery: true), Day).Labels();

        Assert.Equal(["Avoid front of neck", "Botox within 14 days", "DBS: right side", "Blood thinners", "Recent neck surgery"], labels);
        Assert.DoesNotContain(labels, l => l.Contains("note", StringComparison.OrdinalIgnoreCase));
    }
}
