using SymposiumBooking.Domain.Scheduling;

namespace SymposiumBooking.Web.Features.Therapists;

public sealed record TherapistView(Guid Id, string Name, string Email)
{
    public static TherapistView From(Therapist t) => new(t.Id, t.Name, t.Email);
}
