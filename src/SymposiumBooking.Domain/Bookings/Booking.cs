using NodaTime;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Domain.Bookings;

/// <summary>
/// An attendee's claim on one slot. At most one booking that holds the slot exists per slot: PostgreSQL enforces
/// it with a partial unique index, so this type never has to check.
/// </summary>
public sealed class Booking
{
    private Booking()
    {
    }

    public Guid Id { get; private set; }

    public Guid SymposiumId { get; private set; }

    public Guid SlotId { get; private set; }

    public BookingStatus Status { get; private set; }

    public string AttendeeName { get; private set; } = "";

    public string AttendeeEmail { get; private set; } = "";

    /// <summary>The canonical address (<see cref="Common.Email.Canonical"/>): what per-person limits count by, never where mail goes.</summary>
    public string NormalizedEmail { get; private set; } = "";

    public string? Phone { get; private set; }

    public Rate Rate { get; private set; }

    public PaymentMethod Payment { get; private set; }

    public long PriceCents { get; private set; }

    public string Currency { get; private set; } = "";

    /// <summary>SHA-256 of the attendee's secret token; the token itself is never stored.</summary>
    public string TokenHash { get; private set; } = "";

    /// <summary>Until when an unpaid booking keeps its slot.</summary>
    public Instant? HoldExpiresAt { get; private set; }

    /// <summary>The calendar invite's SEQUENCE: bumped on every change of time, place or status.</summary>
    public int Sequence { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant UpdatedAt { get; private set; }

    /// <summary>The staff account that booked it for a person at the table; null for a booking the attendee made.</summary>
    public Guid? BookedBy { get; private set; }

    /// <summary>When the person arrived at the table (an organizer checked them in); null until then.</summary>
    public Instant? CheckedInAt { get; private set; }

    private readonly List<BookingEvent> _events = [];

    /// <summary>What the changes since the booking was read made happen, in order; handled once they are written.</summary>
    public IReadOnlyList<BookingEvent> Events => _events;

    /// <summary>The state the booking was read in, before its first change; null while it is unchanged.</summary>
    public BookingVersion? ReadAs { get; private set; }

    /// <summary>
    /// The changes were written (or given up): the booking's current state becomes the one read, and the events are
    /// handed over to be handled.
    /// </summary>
    public IReadOnlyList<BookingEvent> AcceptChanges()
    {
        var events = _events.ToList();
        _events.Clear();
        ReadAs = null;
        return events;
    }

    /// <summary>Whether this booking keeps its slot from others at <paramref name="now"/>.</summary>
    public bool HoldsSlotAt(Instant now) =>
        BookingStatuses.HoldingSlot.Contains(Status) && !(Status == BookingStatus.AwaitingPayment && HoldExpiresAt <= now);

    /// <summary>Whether the attendee can still change it: active, and the slot has not started.</summary>
    public bool IsActive => Status is BookingStatus.AwaitingPayment or BookingStatus.Confirmed;

    /// <summary>
    /// Cancels the booking; cancelling twice is a no-op so a retried request gets the same answer. Attendees may not
    /// cancel once the policy's cutoff before the session has passed (<paramref name="slotStartsAt"/>).
    /// </summary>
    public Result Cancel(Instant slotStartsAt, int cutoffHours, Instant now) => Cancel(new AttendeeCutoff(slotStartsAt, cutoffHours), now);

    /// <summary>
    /// An organizer cancels for the attendee (at the table, on the phone): the same transition as
    /// <see cref="Cancel(Instant, int, Instant)"/>, with the same events, but not bound by the attendee's cutoff.
    /// </summary>
    public Result CancelOnBehalf(Instant now) => Cancel(null, now);

    /// <summary>Whether the attendee could still change or cancel the booking themselves at <paramref name="now"/>.</summary>
    public static bool BeforeCutoff(Instant slotStartsAt, int cutoffHours, Instant now) => now <= slotStartsAt - Duration.FromHours(cutoffHours);

    private Result Cancel(AttendeeCutoff? cutoff, Instant now)
    {
        if (Status == BookingStatus.Cancelled)
        {
            return Result.Success;
        }

        var changeable = EnsureChangeable(cutoff, now);
        if (changeable.IsFailure)
        {
            return changeable;
        }

        End(BookingStatus.Cancelled, now);
        return Result.Success;
    }

    /// <summary>
    /// The payment went back in full (an organizer's refund, or one made at Stripe): an active booking ends and frees
    /// its slot. Refunded is final; answers whether the booking changed.
    /// </summary>
    public bool Refund(Instant now)
    {
        if (!IsActive)
        {
            return false;
        }

        End(BookingStatus.Refunded, now);
        return true;
    }

    /// <summary>
    /// The online payment arrived: an unpaid hold is confirmed, and so is one whose hold ended (<see cref="BookingStatus.Expired"/>)
    /// if its slot is still free, which the database decides when the change is written. Answers whether the booking changed:
    /// a payment event delivered again or late changes nothing.
    /// </summary>
    public bool ConfirmPayment(Instant now)
    {
        if (Status is not (BookingStatus.AwaitingPayment or BookingStatus.Expired))
        {
            return false;
        }

        Begin();
        Status = BookingStatus.Confirmed;
        HoldExpiresAt = null;
        Touch(now);
        Raise(new InviteChanged(Id, InviteChange.PaymentReceived, Sequence, SlotId));
        return true;
    }

    /// <summary>
    /// An unpaid hold ends (it ran out, or Stripe gave up on its checkout) and its slot is free again. When
    /// <paramref name="slotTakenOver"/>, the hold ran out and someone is taking the slot in the same transaction: it
    /// is not freed, so not offered to the waitlist. The attendee hears of it only if they were ever sent an invite
    /// (the mail's rule): an unpaid hold never was.
    /// </summary>
    public bool ExpireHold(Instant now, bool slotTakenOver = false)
    {
        if (Status != BookingStatus.AwaitingPayment)
        {
            return false;
        }

        Begin();
        Status = BookingStatus.Expired;
        Touch(now);
        Raise(new InviteChanged(Id, InviteChange.Cancelled, Sequence, SlotId));
        if (!slotTakenOver)
        {
            Raise(new SlotFreed(Id, SlotId));
        }

        return true;
    }

    /// <summary>Whether a payment arrived for a booking that no longer wants it: its hold ended, or it was cancelled.</summary>
    public bool PaidTooLate => Status is BookingStatus.Expired or BookingStatus.Cancelled;

    /// <summary>
    /// A payment that came too late (<see cref="PaidTooLate"/>) goes back: the booking ends Refunded. The attendee is
    /// told when <paramref name="moneyReturnedNow"/> (this refund, not an earlier one, returned it).
    /// </summary>
    public bool RefundLatePayment(Instant now, bool moneyReturnedNow)
    {
        if (!PaidTooLate)
        {
            return false;
        }

        Begin();
        Status = BookingStatus.Refunded;
        HoldExpiresAt = null;
        Touch(now);
        if (moneyReturnedNow)
        {
            Raise(new InviteChanged(Id, InviteChange.LatePaymentRefunded, Sequence, SlotId));
        }

        return true;
    }

    /// <summary>Moves the booking to another slot; the database refuses the move when that slot is taken.</summary>
    public Result Reschedule(Guid newSlotId, Instant oldSlotStartsAt, int cutoffHours, Instant now) =>
        Reschedule(newSlotId, new AttendeeCutoff(oldSlotStartsAt, cutoffHours), now);

    /// <summary>
    /// An organizer moves the booking for the attendee: the same transition as
    /// <see cref="Reschedule(Guid, Instant, int, Instant)"/>, with the same events, but not bound by the attendee's cutoff.
    /// </summary>
    public Result RescheduleOnBehalf(Guid newSlotId, Instant now) => Reschedule(newSlotId, null, now);

    private Result Reschedule(Guid newSlotId, AttendeeCutoff? cutoff, Instant now)
    {
        var changeable = EnsureChangeable(cutoff, now);
        if (changeable.IsFailure || newSlotId == SlotId)
        {
            return changeable;
        }

        Begin();
        var oldSlotId = SlotId;
        SlotId = newSlotId;
        Touch(now);
        Raise(new InviteChanged(Id, InviteChange.Moved, Sequence, SlotId));
        Raise(new SlotFreed(Id, oldSlotId));
        return Result.Success;
    }

    /// <summary>
    /// The person arrived at the table. Only a booking that keeps its slot for them can be checked in (confirmed, or
    /// already marked by the therapist); checking in again changes nothing. It is not a change of the invite: the
    /// SEQUENCE stays. Answers whether the booking changed.
    /// </summary>
    public Result<bool> CheckIn(Instant now)
    {
        if (CheckedInAt is not null)
        {
            return false;
        }

        if (!HasSession)
        {
            return Status == BookingStatus.AwaitingPayment && HoldsSlotAt(now) ? SessionErrors.AwaitingPayment : SessionErrors.NotActive;
        }

        Begin();
        CheckedInAt = now;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Takes back a check-in made by mistake; answers whether the booking changed.</summary>
    public bool UndoCheckIn(Instant now)
    {
        if (CheckedInAt is null)
        {
            return false;
        }

        Begin();
        CheckedInAt = null;
        UpdatedAt = now;
        return true;
    }

    /// <summary>
    /// A new secret for the attendee's links (they lost theirs, or an organizer sends it again): the old links stop
    /// working. Not a change of the invite: the SEQUENCE stays.
    /// </summary>
    public void ReissueToken(string tokenHash, Instant now)
    {
        Begin();
        TokenHash = tokenHash;
        UpdatedAt = now;
    }

    /// <summary>
    /// New links for the attendee of an active booking (an organizer sends them again, or the attendee recovers them by
    /// mail): <see cref="ReissueToken"/>, refused for a booking that has ended or has no address to mail.
    /// </summary>
    public Result ReissueLinks(string tokenHash, Instant now)
    {
        var active = EnsureChangeable(null, now);
        if (active.IsFailure)
        {
            return active;
        }

        if (string.IsNullOrWhiteSpace(AttendeeEmail))
        {
            return BookingErrors.NoEmail;
        }

        ReissueToken(tokenHash, now);
        return Result.Success;
    }

    /// <summary>Whether there is a session to mark: a confirmed booking, or one already marked.</summary>
    public bool HasSession => Status is BookingStatus.Confirmed or BookingStatus.Completed or BookingStatus.NoShow;

    /// <summary>Whether <see cref="RecordOutcome"/> would accept a mark now.</summary>
    public bool CanRecordOutcome(Instant slotStartsAt, Instant now) => HasSession && now >= slotStartsAt;

    /// <summary>
    /// The therapist records how the session went, once it has started (<paramref name="slotStartsAt"/>). Only a
    /// confirmed booking has a session to mark; marking it the same way again changes nothing, and switching between
    /// completed and no-show is allowed, to correct a mistaken tap (nothing else depends on it). Answers whether the
    /// status changed.
    /// </summary>
    public Result<bool> RecordOutcome(SessionOutcome outcome, Instant slotStartsAt, Instant now)
    {
        var target = outcome == SessionOutcome.Completed ? BookingStatus.Completed : BookingStatus.NoShow;
        if (Status == target)
        {
            return false;
        }

        if (!HasSession)
        {
            return Status == BookingStatus.AwaitingPayment && HoldsSlotAt(now) ? SessionErrors.AwaitingPayment : SessionErrors.NotActive;
        }

        if (now < slotStartsAt)
        {
            return SessionErrors.NotStarted;
        }

        Begin();
        Status = target;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Active and holding its slot; for the attendee (<paramref name="cutoff"/> given), also before the cutoff.</summary>
    private Result EnsureChangeable(AttendeeCutoff? cutoff, Instant now)
    {
        if (!HoldsSlotAt(now) || !IsActive)
        {
            return Status == BookingStatus.AwaitingPayment ? BookingErrors.HoldLapsed : BookingErrors.NotActive;
        }

        return cutoff is { } c && !BeforeCutoff(c.SlotStartsAt, c.Hours, now) ? BookingErrors.CutoffPassed(c.Hours) : Result.Success;
    }

    /// <summary>The attendee's limit: no changes later than <see cref="Hours"/> before the session starts.</summary>
    private readonly record struct AttendeeCutoff(Instant SlotStartsAt, int Hours);

    /// <summary>
    /// Ends an active booking: its slot is freed, even from a hold that ran out and was not yet expired (the slot was
    /// never offered), and an attendee who was sent an invite hears that it is cancelled.
    /// </summary>
    private void End(BookingStatus ended, Instant now)
    {
        Begin();
        Status = ended;
        HoldExpiresAt = null;
        Touch(now);
        Raise(new InviteChanged(Id, InviteChange.Cancelled, Sequence, SlotId));
        Raise(new SlotFreed(Id, SlotId));
    }

    /// <summary>Remembers the state as read, before the first change since it was read.</summary>
    private void Begin() => ReadAs ??= new BookingVersion(Status, Sequence);

    private void Raise(BookingEvent e) => _events.Add(e);

    private void Touch(Instant now)
    {
        Sequence++;
        UpdatedAt = now;
    }

    public static Booking Create(BookingRequest request, string tokenHash, Instant now) => new()
    {
        Id = Guid.CreateVersion7(),
        SymposiumId = request.SymposiumId,
        SlotId = request.SlotId,
        Status = request.Payment == PaymentMethod.AtTable ? BookingStatus.Confirmed : BookingStatus.AwaitingPayment,
        AttendeeName = request.Name.Trim(),
        AttendeeEmail = request.Email.Trim(),
        NormalizedEmail = Common.Email.Canonical(request.Email), // for counting per person; mail goes to AttendeeEmail
        Phone = request.Phone,
        Rate = request.Rate,
        Payment = request.Payment,
        PriceCents = request.PriceCents,
        Currency = request.Currency,
        TokenHash = tokenHash,
        HoldExpiresAt = request.HoldExpiresAt,
        BookedBy = request.BookedBy,
        CreatedAt = now,
        UpdatedAt = now,
    };
}

/// <summary>What a new booking is made of, once its price and hold are known.</summary>
public sealed record BookingRequest(
    Guid SymposiumId,
    Guid SlotId,
    string Name,
    string Email,
    string? Phone,
    Rate Rate,
    PaymentMethod Payment,
    long PriceCents,
    string Currency,
    Instant? HoldExpiresAt,
    Guid? BookedBy = null);
