using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Data.Configurations;
using SymposiumBooking.Web.Infrastructure.Idempotency;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Waitlist;

/// <summary>What a person sends to join the waitlist: a day and a therapist are each optional ("any").</summary>
public sealed record WaitlistBody(string? Name, string? Email, string? Date, Guid? TherapistId);

/// <summary>
/// Someone asks to be told when a slot frees up (docs/waitlist.md: <c>POST /api/v1/symposia/{id}/waitlist</c>). Asking
/// again for the same day and therapist returns the entry they already have (<see cref="JoinedWaitlist.Created"/> false):
/// the partial unique index <see cref="WaitlistConfiguration.OneWaitingEntryPerRequest"/> keeps it to one row even
/// when two requests race.
/// </summary>
public sealed record JoinWaitlist(Guid SymposiumId, WaitlistBody Body, string? IdempotencyKey = null) : ICommand<Result<JoinedWaitlist>>;

public sealed record JoinedWaitlist(WaitlistEntryView Entry, bool Created);

public sealed class JoinWaitlistValidator : AbstractValidator<JoinWaitlist>
{
    public JoinWaitlistValidator() =>
        RuleFor(x => x.Body).NotNull().ChildRules(b =>
        {
            b.RuleFor(x => x.Name).NotEmpty().WithMessage("Enter your name.").MaximumLength(200).SingleLine();
            b.RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your email address.").MaximumLength(320)
                .EmailAddress().WithMessage("Enter an email address like name@example.com.").SingleLine();
            b.RuleFor(x => x.Date).Must(d => d is null || ApiFormat.IsDate(d)).WithMessage("Use the form YYYY-MM-DD, or leave it out for any day.");
        });
}

internal sealed class JoinWaitlistHandler(BookingDb db, IClock clock, IdempotentWrites idempotent, IOptions<WaitlistOptions> options)
    : ICommandHandler<JoinWaitlist, Result<JoinedWaitlist>>
{
    public const string Scope = "waitlist.join";

    public async ValueTask<Result<JoinedWaitlist>> Handle(JoinWaitlist command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return await idempotent.RunAsync(Scope, command.IdempotencyKey, new { command.SymposiumId, command.Body }, now,
            () => JoinAsync(command.SymposiumId, command.Body, now, cancellationToken), cancellationToken);
    }

    private async Task<Result<JoinedWaitlist>> JoinAsync(Guid symposiumId, WaitlistBody body, Instant now, CancellationToken ct)
    {
        var symposium = await db.Symposia.AsNoTracking().FirstOrDefaultAsync(e => e.Id == symposiumId, ct);
        if (symposium is null)
        {
            return SymposiumErrors.NotFound;
        }

        if (!symposium.IsOpenForBooking(now))
        {
            return BookingErrors.NotOpen;
        }

        LocalDate? date = body.Date is null ? null : ApiFormat.ParseDate(body.Date);
        if (date is { } day && (day < symposium.StartDate || day > symposium.EndDate))
        {
            return WaitlistErrors.DateOutsideSymposium;
        }

        if (body.TherapistId is { } therapistId && !await db.Therapists.AnyAsync(t => t.Id == therapistId && t.SymposiumId == symposiumId, ct))
        {
            return WaitlistErrors.UnknownTherapist;
        }

        var entry = WaitlistEntry.Create(symposiumId, body.Name!, body.Email!, date, body.TherapistId, now);
        // One join per address at a time, so that the cap holds when many arrive at once.
        await db.Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock(hashtextextended({$"waitlist-join:{symposiumId}:{entry.NormalizedEmail}"}, 0))", ct);
        var lapsedBefore = now - WaitlistEntry.ConfirmWithin;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE waitlist_entries SET status = {nameof(WaitlistStatus.Expired)}
            WHERE symposium_id = {symposiumId} AND normalized_email = {entry.NormalizedEmail} AND status = {nameof(WaitlistStatus.Waiting)}
              AND confirmed_at IS NULL AND created_at <= {lapsedBefore}
            """, ct);
        if (await FindSameAsync(entry, now, ct) is { } existing)
        {
            return new JoinedWaitlist(WaitlistEntryView.Answer(existing, entry), Created: false);
        }

        var limit = Math.Max(1, options.Value.MaxEntriesPerAddress);
        var active = await db.WaitlistEntries.CountAsync(
            w => w.SymposiumId == symposiumId && w.NormalizedEmail == entry.NormalizedEmail
                 && (w.Status == WaitlistStatus.Waiting || (w.Status == WaitlistStatus.Offered && w.OfferExpiresAt > now)),
            ct);
        if (active >= limit)
        {
            return WaitlistErrors.TooManyEntries(limit);
        }

        db.WaitlistEntries.Add(entry);
        db.Outbox.Add(OutboxMessage.Create(OutboxTypes.WaitlistConfirmation, JsonSerializer.Serialize(new { entryId = entry.Id }), now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Violates(WaitlistConfiguration.OneWaitingEntryPerRequest))
        {
            // The same person's other request committed first. SaveChanges rolled back to its savepoint, so the
            // transaction is still usable; the rejected row must not be saved again.
            db.ChangeTracker.Clear();
            var winner = await FindSameAsync(entry, now, ct);
            return new JoinedWaitlist(WaitlistEntryView.Answer(winner!, entry), Created: false);
        }

        return new JoinedWaitlist(WaitlistEntryView.From(entry), Created: true);
    }

    /// <summary>The entry this person already has for the same day and therapist: still waiting, or holding a live offer.</summary>
    private Task<WaitlistEntry?> FindSameAsync(WaitlistEntry wanted, Instant now, CancellationToken ct) =>
        db.WaitlistEntries.AsNoTracking()
            .Where(w => w.SymposiumId == wanted.SymposiumId && w.NormalizedEmail == wanted.NormalizedEmail
                        && w.Date == wanted.Date && w.TherapistId == wanted.TherapistId
                        && (w.Status == WaitlistStatus.Waiting || (w.Status == WaitlistStatus.Offered && w.OfferExpiresAt > now)))
            .OrderBy(w => w.CreatedAt)
            .FirstOrDefaultAsync(ct);
}
