using SymposiumBooking.Web.Features.Symposia;

namespace SymposiumBooking.Web.Pages.Book;

/// <summary>
/// What Shared/_AttendeeFields.cshtml needs to ask who the attendee is and how they pay, for a booking and a request
/// alike: the form, the symposium's prices, whether online payment is on, and whether the address may still change.
/// </summary>
public sealed record AttendeeFields(BookingForm Form, SymposiumView Symposium, bool OnlinePayment, string EmailHint, bool EmailFixed = false);
