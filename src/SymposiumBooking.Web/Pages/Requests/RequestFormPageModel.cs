using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features;
using SymposiumBooking.Web.Features.Slots;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Payments;
using SymposiumBooking.Web.Pages.Book;
using SymposiumBooking.Web.Pages.Forms;

namespace SymposiumBooking.Web.Pages.Requests;

/// <summary>
/// A page that shows the request form (Requests/_RequestForm.cshtml): making a request, changing one. It binds the
/// form, offers the symposium's times to add, and applies the list buttons; the page itself sends the request.
/// </summary>
[FormsReadByHand]
public abstract class RequestFormPageModel(ISender sender, IOptions<StripeOptions> stripe) : PageModel, IBookingFormPage
{
    protected ISender Sender { get; } = sender;

    [BindProperty]
    public RequestForm Form { get; set; } = new();

    BookingForm IBookingFormPage.Form => Form;

    public SymposiumView Symposium { get; protected set; } = null!;

    public ChoiceOptions Options { get; private set; } = null!;

    public int MaxChoices => Symposium.Policy?.MaxChoices ?? 0;

    public bool OnlinePayment => stripe.Value.OnlinePaymentEnabled;

    /// <summary>What the last list button did, said in the list's status message.</summary>
    public string? Said { get; private set; }

    /// <summary>The control that gets the focus when the page comes back from a list button.</summary>
    public string? FocusId { get; private set; }

    /// <summary>The button that sends the form: "Send my request", "Save the changes".</summary>
    public abstract string SendLabel { get; }

    public virtual string EmailHint => "We send your request's link to it, and the draw's result.";

    /// <summary>A request keeps the address it was made with.</summary>
    public virtual bool EmailFixed => false;

    public virtual string HealthHint => "Your answers help the therapist work safely. Only your therapist and the organizers see them.";

    /// <summary>Loads the symposium's times for the form's day.</summary>
    protected async Task LoadOptionsAsync(CancellationToken ct)
    {
        var slots = await Sender.Send(new ListSlots(Symposium.Id, null, null, AvailableOnly: false), ct);
        Options = ChoiceOptions.From(
            slots.IsSuccess ? slots.Value : [], ApiFormat.ParseDate(Symposium.StartDate), ApiFormat.ParseDate(Symposium.EndDate), Form.Day);
        Form.Day = ApiFormat.Date(Options.Day);
        if (!OnlinePayment)
        {
            Form.Payment = Book.Choices.Value(PaymentMethod.AtTable);
        }
    }

    /// <summary>A list button (not "send"): the list changed, nothing sent, the page shown again.</summary>
    protected async Task<PageResult> EditAsync(CancellationToken ct)
    {
        var action = Form.Action ?? "";
        if (action.StartsWith("day:", StringComparison.Ordinal))
        {
            Form.Day = action[4..];
            await LoadOptionsAsync(ct);
            FocusId = $"day-{Form.Day}";
            return Page();
        }

        await LoadOptionsAsync(ct);
        var edit = ChoiceEdit.Apply(Form.Choices, action, MaxChoices, Options.Label);
        Form.Choices = [.. edit.Choices];
        (Said, FocusId) = (edit.Said, edit.FocusId);
        return Page();
    }
}
