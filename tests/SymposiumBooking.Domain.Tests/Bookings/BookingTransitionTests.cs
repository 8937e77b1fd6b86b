using NodaTime;
using SymposiumBooking.Domain.Bookings;

namespace SymposiumBooking.Domain.Tests.Bookings;

/// <summary>Every change of a booking's state is decided on <see cref="Booking"/>, with the events it raises.</summary>
public sealed class BookingTransitionTests
{
    private static readonly Instant Start = Instant.FromUtc(2027, 6, 11, 14, 0);
    private static readonly Instant Now = Start - Duration.FromDays(10);
    private static readonly Guid Slot = Guid.NewGuid();

    private static Booking AtTable() => New(PaymentMethod.AtTable, null);

    private static Booking OnlineHold(Instant? until = null) => New(PaymentMethod.Online, until ?? Now + Duration.FromMinutes(30));

    private static Booking New(PaymentMethod payment, Instant? holdUntil) => Booking.Create(
        new BookingRequest(Guid.NewGuid(), Slot, "Ada Lovelace", "ada@example.org", null, Rate.Standard, payment, 6000, "USD", holdUntil),
        "hash", Now - Duration.FromHours(1));

    [Fact]
    public void A_new_booking_raises_nothing_its_confirmation_mail_is_written_with_it()
    {
        var atTable = AtTable();
        var online = OnlineHold();

        Assert.Equal((BookingStatus.Confirmed, 0), (atTable.Status, atTable.Sequence));
        Assert.Equal(BookingStatus.AwaitingPayment, online.Status);
        Assert.Empty(atTable.Events);
        Assert.Empty(online.Events);
        Assert.Null(atTable.ReadAs);
    }

    [Fact]
    public void A_payment_confirms_an_unpaid_hold_once_and_announces_the_first_invite()
    {
        var booking = OnlineHold();

        Assert.True(booking.ConfirmPayment(Now));
        Assert.Equal((BookingStatus.Confirmed, 1, (Instant?)null), (booking.Status, booking.Sequence, booking.HoldExpiresAt));
        Assert.Equal(new BookingVersion(BookingStatus.AwaitingPayment, 0), booking.ReadAs);
        Assert.Equal([new InviteChanged(booking.Id, InviteChange.PaymentReceived, 1, Slot)], booking.Events);

        booking.AcceptChanges();
        Assert.False(booking.ConfirmPayment(Now)); // the same event delivered again
        Assert.Empty(booking.Events);
        Assert.Null(booking.ReadAs);
    }

    [Fact]
    public void A_payment_after_the_hold_ended_confirms_it_late_but_not_a_cancelled_booking()
    {
        var expired = OnlineHold();
        expired.ExpireHold(Now);
        expired.AcceptChanges();
        Assert.True(expired.ConfirmPayment(Now));
        Assert.Equal(BookingStatus.Confirmed, expired.Status);

        var cancelled = AtTable();
        cancelled.Cancel(Start, 24, Now);
        cancelled.AcceptChanges();
        Assert.False(cancelled.ConfirmPayment(Now));
        Assert.True(cancelled.PaidTooLate);
    }

    [Fact]
    public void An_expired_hold_frees_its_slot_unless_the_slot_is_being_taken_over()
    {
        var released = OnlineHold();
        Assert.True(released.ExpireHold(Now));
        Assert.Equal((BookingStatus.Expired, 1), (released.Status, released.Sequence));
        Assert.Contains(new SlotFreed(released.Id, Slot), released.Events);
        Assert.Contains(new InviteChanged(released.Id, InviteChange.Cancelled, 1, Slot), released.Events);

        var takenOver = OnlineHold();
        Assert.True(takenOver.ExpireHold(Now, slotTakenOver: true));
        Assert.DoesNotContain(takenOver.Events, e => e is SlotFreed);

        var confirmed = AtTable();
        Assert.False(confirmed.ExpireHold(Now)); // only an unpaid hold expires
        Assert.Empty(confirmed.Events);
    }

    [Fact]
    public void Cancelling_frees_the_slot_and_tells_the_attendee_and_a_second_cancel_raises_nothing()
    {
        var booking = AtTable();

        Assert.True(booking.Cancel(Start, 24, Now).IsSuccess);
        Assert.Equal((BookingStatus.Cancelled, 1), (booking.Status, booking.Sequence));
        Assert.Equal(new BookingVersion(BookingStatus.Confirmed, 0), booking.ReadAs);
        Assert.Equal([new InviteChanged(booking.Id, InviteChange.Cancelled, 1, Slot), new SlotFreed(booking.Id, Slot)], booking.Events);

        booking.AcceptChanges();
        Assert.True(booking.Cancel(Start, 24, Now).IsSuccess);
        Assert.Empty(booking.Events);
    }

    [Fact]
    public void A_refused_cancel_changes_nothing_and_raises_nothing()
    {
        var booking = AtTable();

        Assert.Equal(BookingErrors.CutoffPassed(24).Code, booking.Cancel(Start, 24, Start - Duration.FromHours(1)).Error!.Code);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Empty(booking.Events);
        Assert.Null(booking.ReadAs);
    }

    [Fact]
    public void Rescheduling_frees_the_old_slot_and_moves_the_invite_to_the_new_one()
    {
        var booking = AtTable();
        var newSlot = Guid.NewGuid();

        Assert.True(booking.Reschedule(newSlot, Start, 24, Now).IsSuccess);
        Assert.Equal((newSlot, 1), (booking.SlotId, booking.Sequence));
        Assert.Equal([new InviteChanged(booking.Id, InviteChange.Moved, 1, newSlot), new SlotFreed(booking.Id, Slot)], booking.Events);
    }

    [Fact]
    public void Rescheduling_to_the_same_slot_changes_nothing()
    {
        var booking = AtTable();

        Assert.True(booking.Reschedule(Slot, Start, 24, Now).IsSuccess);
        Assert.Equal(0, booking.Sequence);
        Assert.Empty(booking.Events);
    }

    [Fact]
    public void A_refund_ends_an_active_booking_and_frees_its_slot_once()
    {
        var booking = OnlineHold();
        booking.ConfirmPayment(Now);
        booking.AcceptChanges();

        Assert.True(booking.Refund(Now));
        Assert.Equal((BookingStatus.Refunded, 2), (booking.Status, booking.Sequence));
        Assert.Equal([new InviteChanged(booking.Id, InviteChange.Cancelled, 2, Slot), new SlotFreed(booking.Id, Slot)], booking.Events);

        booking.AcceptChanges();
        Assert.False(booking.Refund(Now)); // refunded is final
        Assert.Empty(booking.Events);
    }

    [Fact]
    public void A_late_payment_is_refunded_and_the_attendee_told_only_when_this_refund_returned_the_money()
    {
        var told = OnlineHold();
        told.ExpireHold(Now);
        told.AcceptChanges();
        Assert.True(told.RefundLatePayment(Now, moneyReturnedNow: true));
        Assert.Equal(BookingStatus.Refunded, told.Status);
        Assert.Equal([new InviteChanged(told.Id, InviteChange.LatePaymentRefunded, 2, Slot)], told.Events);

        var silent = AtTable();
        silent.Cancel(Start, 24, Now);
        silent.AcceptChanges();
        Assert.True(silent.RefundLatePayment(Now, moneyReturnedNow: false));
        Assert.Empty(silent.Events); // it held no slot, and the refund was made before

        Assert.False(AtTable().RefundLatePayment(Now, moneyReturnedNow: true)); // an active booking is not paid too late
    }

    [Fact]
    public void Recording_an_outcome_is_a_change_of_state_with_no_event()
    {
        var booking = AtTable();

        Assert.True(booking.RecordOutcome(SessionOutcome.Completed, Start, Start).Value);
        Assert.Equal(new BookingVersion(BookingStatus.Confirmed, 0), booking.ReadAs);
        Assert.Equal((BookingStatus.Completed, 0), (booking.Status, booking.Sequence));
        Assert.Empty(booking.Events);
    }

    [Fact]
    public void The_state_read_is_the_one_before_the_first_change()
    {
        var booking = OnlineHold();
        booking.ConfirmPayment(Now);
        booking.Reschedule(Guid.NewGuid(), Start, 24, Now);

        Assert.Equal(new BookingVersion(BookingStatus.AwaitingPayment, 0), booking.ReadAs);
        Assert.Equal(3, booking.AcceptChanges().Count);
    }
}
