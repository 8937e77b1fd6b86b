using SymposiumBooking.Domain.Waitlist;

namespace SymposiumBooking.Web.Features.Waitlist;

/// <summary>A waitlist entry as the person who joined sees it (docs/waitlist.md: <c>POST /api/v1/symposia/{id}/waitlist</c>).</summary>
public sealed record WaitlistEntryView(Guid Id, Guid SymposiumId, string Name, string Email, string? Date, Guid? TherapistId, WaitlistStatus Status)
{
    public static WaitlistEntryView From(WaitlistEntry e) =>
        new(e.Id, e.SymposiumId, e.Name, e.Email, e.Date is { } d ? ApiFormat.Date(d) : null, e.TherapistId, e.Status);

    /// <summary>
    /// The answer to joining again for an entry the address already has: what this request sent, and "waiting". It
    /// says nothing the requester did not send (not the name given first, not whether a time is offered): the address
    /// is not verified, and an offer is told by mail.
    /// </summary>
    public static WaitlistEntryView Answer(WaitlistEntry existing, WaitlistEntry asked) =>
        From(existing) with { Name = asked.Name, Email = asked.Email, Status = WaitlistStatus.Waiting };
}
