using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>
/// The opening part of a new policy (docs/fair-opening.md). Choosing the draw fixes the symposium's seed once, before
/// any request can exist, and publishes its commitment; the seed never changes afterwards, whatever else changes. Once
/// the draw has run, its opening (the window, the choices, when first-come opens) can no longer change, and a symposium
/// with requests waiting cannot be switched back to first-come.
/// </summary>
internal static class DrawCommitments
{
    public const string SeedPurpose = "SymposiumBooking.Draw.Seed.v1";

    public static readonly Error HasRequests =
        new("draw.has_requests", ErrorKind.Rule, "People have already sent requests: withdraw them or keep the draw.");

    public static async Task<Result<BookingPolicy>> OpenAsync(
        BookingDb db, IDataProtectionProvider protection, Symposium symposium, BookingPolicy policy, PolicyBody body, Instant now, CancellationToken ct)
    {
        var draw = await db.Draws.FirstOrDefaultAsync(d => d.SymposiumId == symposium.Id, ct);
        var chosen = policy;
        if (body.OpeningMode == OpeningMode.Draw)
        {
            var byDraw = policy.OpeningByDraw(
                ApiFormat.ParseInstant(body.RequestsOpenAt!, symposium.Zone)!.Value,
                ApiFormat.ParseInstant(body.RequestsCloseAt!, symposium.Zone)!.Value,
                body.MaxChoices ?? DrawOpening.DefaultMaxChoices);
            if (byDraw.IsFailure)
            {
                return byDraw.Error;
            }

            chosen = byDraw.Value;
        }

        var current = symposium.Policy;
        var openingChanged = current?.Draw != chosen.Draw || (chosen.Draw is not null && current?.BookingOpensAt != chosen.BookingOpensAt);
        if (draw is { HasRun: true } && openingChanged)
        {
            return DrawErrors.AlreadyDrawn;
        }

        if (chosen.Draw is null && current?.Draw is not null
            && await db.DrawRequests.AnyAsync(r => r.SymposiumId == symposium.Id && r.Status == DrawRequestStatus.Submitted, ct))
        {
            return HasRequests;
        }

        if (chosen.Draw is not null && draw is null)
        {
            var seed = DrawSeed.Create();
            db.Draws.Add(SymposiumDraw.Commit(symposium.Id, seed, protection.CreateProtector(SeedPurpose).Protect(seed.Hex), now));
        }

        return chosen;
    }
}
