namespace SymposiumBooking.Web.Infrastructure.Auth;

public static class Roles
{
    public const string Organizer = "organizer";
    public const string Therapist = "therapist";

    public static readonly IReadOnlyList<string> All = [Organizer, Therapist];
}
