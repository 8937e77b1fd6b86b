using SymposiumBooking.Domain.Waitlist;

namespace SymposiumBooking.Web.Features.Waitlist;

/// <summary>A waitlist entry as the person who joined sees it (../shared/API.md: <c>POST /api/v1/symposia/{id}/waitlist</c>).</summary>
public sealed record WaitlistEntryView(Guid Id, Guid SymposiumId, string Name, string Email, string? Date, Guid? TherapistId, WaitlistStatus Status)
{
    public static WaitlistEntryView From(WaitlistEntry e) =>
        new(e.Id, e.EditionId, e.Name, e.Email, e.Date is { } d ? ApiFormat.Date(d) : null, e.TherapistId, e.Status);
}
