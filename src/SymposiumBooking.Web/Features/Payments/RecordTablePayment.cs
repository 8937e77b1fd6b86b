using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Payments;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;

namespace SymposiumBooking.Web.Features.Payments;

/// <summary>
/// An entry for a booking's table ledger. Without <see cref="Replaces"/> it is the booking's first entry; with it, the
/// correction of that entry (which must be the ledger's current one). An amount of zero corrects a payment recorded by
/// mistake.
/// </summary>
public sealed record TablePaymentBody(TablePaymentMethod? Method, long? AmountCents, string? Note, Guid? Replaces);

/// <summary>
/// An organizer records money taken at the table for a booking paid there (<c>POST …/bookings/{bookingId}/table-payments</c>):
/// the amount in the booking's currency, how, who (the organizer) and when (the clock). Entries are never changed; the
/// database's two unique indexes make a second first entry, or a second correction of one entry, fail
/// (<see cref="TablePaymentErrors.Changed"/>).
/// </summary>
public sealed record RecordTablePayment(Guid SymposiumId, Guid BookingId, Guid OrganizerId, TablePaymentBody Body)
    : ICommand<Result<TablePaymentView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId, BookingId];

    string IStaffAction.StaffActionName => Body.Replaces is null ? nameof(RecordTablePayment) : $"{nameof(RecordTablePayment)}.Correction";
}

public sealed class RecordTablePaymentValidator : AbstractValidator<RecordTablePayment>
{
    public RecordTablePaymentValidator() => RuleFor(x => x.Body).NotNull().SetValidator(new TablePaymentBodyValidator());
}

public sealed class TablePaymentBodyValidator : AbstractValidator<TablePaymentBody>
{
    public TablePaymentBodyValidator()
    {
        RuleFor(x => x.Method).Chosen("Choose cash, card or other.");
        RuleFor(x => x.AmountCents).NotNull().WithMessage("Enter the amount paid.")
            .InclusiveBetween(0, TablePaymentNowValidator.MaxAmountCents).WithMessage("Enter the amount paid.");
        RuleFor(x => x.AmountCents).NotEqual(0).WithMessage("Enter the amount paid: more than zero (zero only corrects an entry recorded by mistake).")
            .When(x => x.Replaces is null);
        RuleFor(x => x.Note).MaximumLength(TablePayment.MaxNoteLength).SingleLine();
    }
}

internal sealed class RecordTablePaymentHandler(BookingDb db, IClock clock) : ICommandHandler<RecordTablePayment, Result<TablePaymentView>>
{
    public async ValueTask<Result<TablePaymentView>> Handle(RecordTablePayment command, CancellationToken cancellationToken)
    {
        var (body, now) = (command.Body, clock.GetCurrentInstant());
        var found = await db.FindChangeableAsync(command.SymposiumId, now, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var booking = await db.Bookings.AsNoTracking()
            .FirstOrDefaultAsync(b => b.Id == command.BookingId && b.SymposiumId == command.SymposiumId, cancellationToken);
        if (booking is null)
        {
            return BookingErrors.NotFound;
        }

        if (booking.Payment != PaymentMethod.AtTable)
        {
            return TablePaymentErrors.NotAtTable;
        }

        var ledger = await db.TablePayments.AsNoTracking().Where(p => p.BookingId == booking.Id).Select(p => new { p.Id, p.Replaces }).ToListAsync(cancellationToken);
        if (body.Replaces is { } replaces && ledger.All(p => p.Id != replaces))
        {
            return TablePaymentErrors.UnknownEntry;
        }

        // Answered before writing when the ledger already moved on; a race between two requests that both saw it
        // unchanged is decided by the indexes below.
        var expected = body.Replaces is { } corrected ? ledger.Any(p => p.Replaces == corrected) : ledger.Count > 0;
        if (expected)
        {
            return TablePaymentErrors.Changed;
        }

        var entry = TablePayment.Record(
            booking.Id, booking.SymposiumId, body.AmountCents!.Value, booking.Currency, body.Method!.Value, command.OrganizerId, now, body.Replaces, body.Note);
        db.TablePayments.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.Violates(TablePaymentConfiguration.OneFirstEntryPerBooking) || e.Violates(TablePaymentConfiguration.ReplacedOnce))
        {
            return TablePaymentErrors.Changed;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return (await TableLedger.ReadAsync(db, booking.Id, found.Value.Zone, cancellationToken)).Single(p => p.Id == entry.Id);
    }
}
