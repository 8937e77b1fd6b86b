namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>The booking an organizer's page is about, as the partials on its page need it.</summary>
public sealed record OrganizerBookingRef(Guid SymposiumId, Guid BookingId, string AttendeeName, string Status);
