using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Domain.Waitlist;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>What the request commands share: finding a request by its token, checking its choices, showing it.</summary>
internal static class DrawRequests
{
    public const string TokenHeader = "X-Request-Token";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The request, tracked, when <paramref name="token"/> is its token; a wrong token answers like a missing request.</summary>
    public static async Task<Result<DrawRequest>> FindWithTokenAsync(this BookingDb db, Guid id, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token))
        {
            return DrawErrors.RequestNotFound;
        }

        var hash = SecretToken.Hash(token);
        var found = await db.DrawRequests.FirstOrDefaultAsync(r => r.Id == id && r.TokenHash == hash, ct);
        return found is null ? DrawErrors.RequestNotFound : found;
    }

    /// <summary>
    /// The choices, checked against the symposium: at most its <see cref="DrawOpening.MaxChoices"/>, none twice, and each
    /// one matching at least one of its slots (a slot of it; a day and time when some slot starts; a day and a therapist
    /// who works that day).
    /// </summary>
    public static async Task<Result<IReadOnlyList<RequestedChoice>>> CheckChoicesAsync(
        BookingDb db, Symposium symposium, IReadOnlyList<ChoiceBody> bodies, Instant now, CancellationToken ct)
    {
        var most = symposium.Policy!.Draw!.MaxChoices;
        var choices = bodies.Select(b => b.ToChoice()!).ToList();
        if (choices.Count > most)
        {
            return DrawErrors.TooManyChoices(most);
        }

        if (choices.Distinct().Count() != choices.Count)
        {
            return DrawErrors.RepeatedChoice;
        }

        var slots = await SlotsOfAsync(db, symposium, now, ct);
        return choices.All(c => slots.Any(s => s.Matches(c.ToDrawChoice()!))) ? choices : DrawErrors.BadChoice;
    }

    /// <summary>
    /// Every slot of the symposium as the draw sees it (its day and start in the symposium's zone), with its therapist's
    /// name and whether the draw may give it at <paramref name="now"/>: not started, not held (an organizer may have
    /// booked someone at the table), not offered from the waitlist.
    /// </summary>
    public static async Task<IReadOnlyList<NamedSlot>> SlotsOfAsync(BookingDb db, Symposium symposium, Instant now, CancellationToken ct)
    {
        var zone = symposium.Zone;
        var rows = await (from s in db.Slots
                          join t in db.Therapists on s.TherapistId equals t.Id
                          where s.SymposiumId == symposium.Id
                          select new
                          {
                              s.Id,
                              s.StartsAt,
                              s.TherapistId,
                              t.Name,
                              Free = s.StartsAt > now
                                     && !(EF.Property<Instant?>(s, "HeldUntil") > now)
                                     && !db.WaitlistEntries.Any(w => w.OfferedSlotId == s.Id && w.Status == WaitlistStatus.Offered && w.OfferExpiresAt > now),
                          }).ToListAsync(ct);
        return [.. rows.Select(r =>
        {
            var local = r.StartsAt.InZone(zone).LocalDateTime;
            return new NamedSlot(new DrawSlot(r.Id, local.Date, local.TimeOfDay, r.TherapistId), r.Name, r.Free);
        })];
    }

    public static async Task<DrawRequestView> ViewAsync(BookingDb db, DrawRequest request, Symposium symposium, Instant now, string? token, CancellationToken ct)
    {
        var slots = await SlotsOfAsync(db, symposium, now, ct);
        var draw = symposium.Policy?.Draw;
        return new DrawRequestView(
            request.Id,
            request.SymposiumId,
            request.Status,
            request.Name,
            request.Email,
            request.Phone,
            request.Rate,
            request.Payment,
            [.. request.Choices.Select((c, i) => new ChoiceView(i + 1, c.SlotId, c.Date, c.Time, c.TherapistId, Label(c, slots)))],
            request.SubmittedAt,
            request.UpdatedAt,
            draw?.RequestsCloseAt ?? request.SubmittedAt,
            request.IsOpen && draw is not null && draw.TakesRequestsAt(now),
            request.Position,
            request.ChoiceRank,
            request.BookingId,
            token);
    }

    /// <summary>A choice for people: "Friday 1 May, 9:00 AM with Ana", "…, 9:00 AM, any therapist", "…, any time with Ana".</summary>
    public static string Label(RequestedChoice choice, IReadOnlyList<NamedSlot> slots)
    {
        static string Day(LocalDate d) => d.ToString("dddd d MMMM", English);
        static string Time(LocalTime t) => t.ToString("h:mm tt", English);
        string Therapist(Guid id) => slots.FirstOrDefault(s => s.TherapistId == id)?.TherapistName ?? "a therapist";
        return choice.ToDrawChoice() switch
        {
            DrawChoice.OneSlot one when slots.FirstOrDefault(s => s.Slot.Id == one.SlotId) is { } s =>
                $"{Day(s.Slot.Date)}, {Time(s.Slot.Start)} with {s.TherapistName}",
            DrawChoice.AnyTherapistAt at => $"{Day(at.Date)}, {Time(at.Time)}, any therapist",
            DrawChoice.AnyTimeWith with => $"{Day(with.Date)}, any time with {Therapist(with.TherapistId)}",
            _ => "A time no longer offered",
        };
    }
}

/// <summary>A slot as the draw sees it, with its therapist's name for people, and whether the draw may give it.</summary>
public sealed record NamedSlot(DrawSlot Slot, string TherapistName, bool Free)
{
    public Guid TherapistId => Slot.TherapistId;

    public bool Matches(DrawChoice choice) => choice.Matches(Slot);
}
