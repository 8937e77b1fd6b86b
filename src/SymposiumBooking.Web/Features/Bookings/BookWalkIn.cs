using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Bookings;

/// <summary>Money taken at the table with a walk-in's booking: its ledger's first entry.</summary>
public sealed record TablePaymentNow(TablePaymentMethod? Method, long? AmountCents);

/// <summary>
/// A booking an organizer makes for a person at the table. Email and phone are optional; the intake is the questions
/// attendees answer, or <see cref="IntakeOnPaper"/> (taken on paper: no intake is stored). <see cref="Payment"/> when
/// the person pays now; without it the booking is to be paid at the table later.
/// </summary>
public sealed record WalkInBody(
    Guid? SlotId,
    string? Name,
    string? Email,
    string? Phone,
    Rate? Rate,
    IntakeBody? Intake,
    bool? IntakeOnPaper,
    TablePaymentNow? Payment);

/// <summary>
/// An organizer books a free slot for a person at the table (<c>POST /api/v1/symposia/{id}/bookings</c>). It is paid at
/// the table and confirmed at once; <see cref="Booking.BookedBy"/> is the organizer. The slot's partial unique index
/// decides a race with an online booking, as for every booking; the attendees' window and cutoff do not apply
/// (<see cref="WalkIns"/>). With an email the person gets the same confirmation mail and invite as an attendee who
/// books to pay at the table; without one, no mail.
/// </summary>
public sealed record BookWalkIn(Guid SymposiumId, Guid OrganizerId, WalkInBody Body) : ICommand<Result<OrganizerBookingView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, Body.SlotId ?? Guid.Empty];
}

public sealed class BookWalkInValidator : AbstractValidator<BookWalkIn>
{
    public BookWalkInValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new WalkInBodyValidator());
}

public sealed class WalkInBodyValidator : AbstractValidator<WalkInBody>
{
    public WalkInBodyValidator()
    {
        RuleFor(x => x.SlotId).NotNull().WithMessage("Choose a time slot.");
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the person's name.").MaximumLength(200).SingleLine();
        RuleFor(x => x.Email).MaximumLength(320).EmailAddress().WithMessage("Enter an email address like name@example.com, or leave it empty.")
            .SingleLine().When(x => !string.IsNullOrEmpty(x.Email));
        RuleFor(x => x.Phone).MaximumLength(40).Matches(@"^[0-9+()./\- ]*$").WithMessage("Use digits, spaces and + ( ) - only.").SingleLine();
        RuleFor(x => x.Rate).Chosen("Choose the reduced or the standard rate.");
        RuleFor(x => x.Intake).NotNull().WithMessage("Fill in the health questions, or choose 'intake taken on paper'.")
            .SetValidator(new IntakeBodyValidator()!).When(x => x.IntakeOnPaper != true);
        RuleFor(x => x.Intake).Null().WithMessage("Either fill in the health questions or choose 'intake taken on paper', not both.")
            .When(x => x.IntakeOnPaper == true);
        RuleFor(x => x.Payment).SetValidator(new TablePaymentNowValidator()!);
    }
}

public sealed class TablePaymentNowValidator : AbstractValidator<TablePaymentNow>
{
    /// <summary>The most one payment at the table may record, in minor units: a typo guard, far above any price.</summary>
    public const long MaxAmountCents = 1_000_000;

    public TablePaymentNowValidator()
    {
        RuleFor(x => x.Method).Chosen("Choose cash, card or other.");
        RuleFor(x => x.AmountCents).NotNull().WithMessage("Enter the amount paid.")
            .InclusiveBetween(1, MaxAmountCents).WithMessage("Enter the amount paid: more than zero.");
    }
}

internal sealed class BookWalkInHandler(BookingDb db, IClock clock, BookingMails mails, BookingWriter writer)
    : ICommandHandler<BookWalkIn, Result<OrganizerBookingView>>
{
    /// <summary>
    /// A rare path, so EF Core in one transaction rather than the hot booking's hand-written statement: the slot's lapsed
    /// hold is taken over, the reduced-rate cap counted under the same lock as online bookings when there is an email,
    /// then the booking, its intake, its mail and its first ledger entry are written together.
    /// </summary>
    public async ValueTask<Result<OrganizerBookingView>> Handle(BookWalkIn command, CancellationToken cancellationToken)
    {
        var (body, now) = (command.Body, clock.GetCurrentInstant());
        var found = await db.FindChangeableAsync(command.SymposiumId, now, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var symposium = found.Value;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var target = await (
                from s in db.Slots.AsNoTracking()
                join t in db.Therapists on s.TherapistId equals t.Id
                where s.Id == body.SlotId
                select new
                {
                    Slot = s,
                    Offered = db.WaitlistEntries.Any(w => w.OfferedSlotId == s.Id && w.Status == WaitlistStatus.Offered && w.OfferExpiresAt > now),
                })
            .FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return BookingErrors.UnknownSlot;
        }

        if (target.Slot.SymposiumId != symposium.Id)
        {
            return BookingErrors.OtherSymposium;
        }

        var allowed = WalkIns.EnsureBookable(symposium, target.Slot.EndsAt, now);
        if (allowed.IsFailure)
        {
            return allowed.Error;
        }

        if (target.Offered)
        {
            return BookingErrors.SlotUnavailable; // promised to someone on the waitlist until their offer ends
        }

        var email = string.IsNullOrWhiteSpace(body.Email) ? null : body.Email.Trim();
        var rate = body.Rate!.Value;
        if (rate == Rate.Reduced && email is not null
            && await ReducedRateBookingsAsync(target.Slot.Id, Email.Canonical(email), now, cancellationToken) >= symposium.Policy!.ReducedRateLimitPerAttendee)
        {
            return BookingErrors.ReducedRateLimit(symposium.Policy.ReducedRateLimitPerAttendee);
        }

        await Holds.TakeOverLapsedAsync(db, writer, target.Slot.Id, now, cancellationToken);
        var (token, tokenHash) = SecretToken.Create();
        var booking = Booking.Create(
            new BookingRequest(
                symposium.Id, target.Slot.Id, body.Name!, email ?? "", string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone.Trim(), rate,
                PaymentMethod.AtTable, symposium.PriceOf(rate), symposium.Currency, HoldExpiresAt: null, BookedBy: command.OrganizerId),
            tokenHash,
            now);
        db.Bookings.Add(booking);
        if (body.IntakeOnPaper != true)
        {
            db.Intakes.Add(BookingIntake.Create(booking.Id, IntakeJson.Write(body.Intake!.ToIntake())));
        }

        if (email is not null)
        {
            db.Outbox.Add(mails.ConfirmedMessage(booking, token, now));
        }

        if (body.Payment is { } paid)
        {
            db.TablePayments.Add(TablePayment.Record(
                booking.Id, symposium.Id, paid.AmountCents!.Value, booking.Currency, paid.Method!.Value, command.OrganizerId, now));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.Violates(BookingConfiguration.OneActiveBookingPerSlot))
        {
            return BookingErrors.SlotUnavailable; // an online booking of the slot committed first; the transaction rolls back
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        await tx.CommitAsync(cancellationToken);
        return await OrganizerBookings.ReadAsync(db, symposium, booking.Id, cancellationToken);
    }

    /// <summary>The person's reduced-rate bookings that hold a slot, counted under the cap's lock (as <see cref="BookSlot"/> does).</summary>
    private async Task<int> ReducedRateBookingsAsync(Guid slotId, string canonicalEmail, Instant now, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
        foreach (var statement in BookingStatements.ReducedRateCount(slotId, canonicalEmail, now))
        {
            batch.BatchCommands.Add(statement);
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the lock's result, to the count
        return await reader.ReadAsync(ct) ? reader.GetInt32(0) : 0;
    }
}
