using Microsoft.AspNetCore.Mvc.Filters;

namespace SymposiumBooking.Web.Pages.Forms;

/// <summary>
/// On a page with a form: binding only copies what was posted into the input model, and what it would say about it
/// on its own ("The value 'x' is not valid for TherapistId.") is dropped before the handler runs, so the page shows
/// only the problems its request's validators and handler name (docs/adr/0070).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FormsReadByHandAttribute : Attribute, IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context) => context.ModelState.Clear();

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
