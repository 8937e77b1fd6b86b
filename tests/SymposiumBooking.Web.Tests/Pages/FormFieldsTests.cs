using Microsoft.AspNetCore.Mvc.ModelBinding;
using SymposiumBooking.Web.Pages.Book;
using SymposiumBooking.Web.Pages.Forms;
using SymposiumBooking.Web.Pages.Organize;
using SymposiumBooking.Web.Pages.Requests;
using WaitlistPage = SymposiumBooking.Web.Pages.Waitlist.IndexModel;

namespace SymposiumBooking.Web.Tests.Pages;

/// <summary>A handler's field, named by its JSON path, lands on the page input that shows it (docs/adr/0070).</summary>
public sealed class FormFieldsTests
{
    [Theory]
    [InlineData(typeof(DetailsModel), "venueName", "Form.VenueName")]
    [InlineData(typeof(DetailsModel), "year", "Form.Year")]
    [InlineData(typeof(DetailsModel), "reducedRateCents", "Form.ReducedRate")]
    [InlineData(typeof(PolicyModel), "reducedRateLimitPerAttendee", "Form.ReducedRateLimit")]
    [InlineData(typeof(PolicyModel), "bookingOpensAt", "Form.OpensAt")]
    [InlineData(typeof(PolicyModel), "requestsCloseAt", "Form.RequestsCloseAt")]
    [InlineData(typeof(RequestIndexModel), "choices", "Form.Choices")]
    [InlineData(typeof(RequestIndexModel), "intake.headTurn", "Form.HeadTurn")]
    [InlineData(typeof(ChangeRequestModel), "email", "Form.Email")]
    [InlineData(typeof(ShiftsModel), "therapistId", "Form.TherapistId")]
    [InlineData(typeof(ShiftsModel), "breaks[1].end", "Form.Breaks[1].End")]
    [InlineData(typeof(ShiftsModel), "breaks[2]", "Form.Breaks[2].Start")]
    [InlineData(typeof(ShiftsModel), "breaks", "Form.Breaks[0].Start")]
    [InlineData(typeof(BookSlotModel), "email", "Form.Email")]
    [InlineData(typeof(BookSlotModel), "intake.consent", "Form.Consent")]
    [InlineData(typeof(BookSlotModel), "intake.painAreas", "Form.PainAreas")]
    [InlineData(typeof(WaitlistPage), "therapistId", "TherapistId")]
    [InlineData(typeof(TherapistsModel), "name", "Name")]
    public void A_field_lands_on_the_property_of_its_name_or_of_its_ApiName(Type page, string field, string key) =>
        Assert.Equal(key, FormFields.KeyOf(page, field));

    [Theory]
    [InlineData(typeof(BookSlotModel), "slotId")] // the page's address, not an input
    [InlineData(typeof(BookSlotModel), "consent")] // only as intake.consent
    [InlineData(typeof(DetailsModel), "reducedRate")] // the request says reducedRateCents
    [InlineData(typeof(WaitlistPage), "symposium")] // a page property that is not bound
    [InlineData(typeof(ShiftsModel), "breaks[x].start")]
    public void A_field_without_an_input_stays_in_the_summary(Type page, string field) =>
        Assert.Null(FormFields.KeyOf(page, field));

    [Theory]
    [InlineData("Form.VenueName", "venue-name")]
    [InlineData("Form.Breaks[0].Start", "breaks-0-start")]
    [InlineData("Form.TherapistId", "therapist-id")]
    [InlineData("TherapistId", "therapist-id")]
    [InlineData("Name", "name")]
    public void An_input_id_is_its_path_in_kebab_case_without_Form(string name, string id) =>
        Assert.Equal(id, FormFields.Id(name));

    [Fact]
    public void The_summary_lists_problems_without_an_input_first_then_in_the_forms_order()
    {
        var state = new ModelStateDictionary();
        state.AddModelError("Form.Location", "Enter the location.");
        state.AddModelError("Form.Breaks[1].Start", "Second break.");
        state.AddModelError("Form.Breaks[0].End", "First break.");
        state.AddModelError("", "The symposium is published.");
        state.AddModelError("Form.TherapistId", "Choose the therapist.");

        Assert.Equal(
            [(null, "The symposium is published."), ("therapist-id", "Choose the therapist."), ("breaks-0-end", "First break."),
                ("breaks-1-start", "Second break."), ("location", "Enter the location.")],
            state.Summary(typeof(ShiftsModel)).Select(p => (p.InputId, p.Message)));
    }

    [Fact]
    public void The_details_form_orders_its_base_class_fields_first()
    {
        var state = new ModelStateDictionary();
        foreach (var key in new[] { "Form.StandardRate", "Form.EndDate", "Form.City", "Form.Year" })
        {
            state.AddModelError(key, key);
        }

        Assert.Equal(["year", "city", "end-date", "standard-rate"], state.Summary(typeof(DetailsModel)).Select(p => p.InputId));
    }
}
