using System.Security.Claims;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Features.Sessions;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Errors;

namespace SymposiumBooking.Web.Features.Calendar;

public static class CalendarApi
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>The JSON API's calendar routes: a booking's download and issuing (rotating) the private feeds.</summary>
    public static RouteGroupBuilder MapCalendar(this RouteGroupBuilder api)
    {
        api.MapGet("/bookings/{id:guid}/calendar.ics", async (
                    Guid id, [FromHeader(Name = BookingAccess.TokenHeader)] string? token, ISender sender, CancellationToken ct) =>
                (await sender.Send(new ExportBookingInvite(id, token), ct)).ToHttp(Download))
            .WithTags("Calendar")
            .WithName("ExportBookingInvite")
            .WithMetadata(BookingsApi.BookingToken)
            .WithSummary("The booking as a calendar file (METHOD:PUBLISH, same UID and SEQUENCE as its invites; cancelled → STATUS:CANCELLED).")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/bookings/{id:guid}/calendar-feed", async (
                    Guid id, [FromHeader(Name = BookingAccess.TokenHeader)] string? token, ISender sender, CancellationToken ct) =>
                (await sender.Send(new RequestAttendeeFeed(id, token), ct)).ToHttp(sent => TypedResults.Accepted((string?)null, sent)))
            .WithTags("Calendar")
            .WithName("RequestAttendeeFeed")
            .WithMetadata(BookingsApi.BookingToken)
            .WithSummary("Mails the booking's address a link (one hour, works once) that issues the private feed of every booking made with that address. "
                + "Always 202 with the same body; at most one mail per address every 5 minutes; an existing feed keeps working.")
            .Produces<FeedRequested>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/me/calendar-feed", async (Guid? symposiumId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                (await sender.Send(new IssueMyTherapistFeed(StaffReader.UserIdOf(user), symposiumId), ct)).ToHttp(feed => TypedResults.Ok(feed)))
            .RequireAuthorization(Policies.Staff)
            .WithTags("Calendar")
            .WithName("IssueMyTherapistFeed")
            .WithSummary("The signed-in therapist's private feed (latest symposium unless symposiumId is given). Answered once; asking again rotates it.")
            .Produces<CalendarFeedView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var symposium = api.MapGroup("/symposia/{id:guid}").WithTags("Calendar").RequireAuthorization(Policies.Organizer);
        symposium.MapPost("/calendar-feed", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new IssueSymposiumFeed(id), ct)).ToHttp(feed => TypedResults.Ok(feed)))
            .WithName("IssueSymposiumFeed")
            .WithSummary("The organizers' private feed of every session of the symposium. Answered once; asking again rotates it.")
            .Produces<CalendarFeedView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        symposium.MapPost("/therapists/{therapistId:guid}/calendar-feed", async (Guid id, Guid therapistId, ISender sender, CancellationToken ct) =>
                (await sender.Send(new IssueTherapistFeed(id, therapistId), ct)).ToHttp(feed => TypedResults.Ok(feed)))
            .WithName("IssueTherapistFeed")
            .WithSummary("Issue or rotate a therapist's private feed: the previous address stops working.")
            .Produces<CalendarFeedView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>
    /// Outside the JSON API: the subscription feeds (the token in the path is the credential) and the manage page's
    /// download, which uses the booking's page cookie. Failures are a bare plain-text 404 that says nothing of why.
    /// </summary>
    /// <summary>Calendar apps probe a subscription with HEAD before they fetch it.</summary>
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/calendar").AllowAnonymous().ExcludeFromDescription();
        feeds.MapMethods("/therapists/{feedToken}.ics", GetOrHead, (string feedToken, ISender sender, CancellationToken ct) =>
            FeedAsync(FeedKind.Therapist, feedToken, sender, ct));
        feeds.MapMethods("/symposia/{feedToken}.ics", GetOrHead, (string feedToken, ISender sender, CancellationToken ct) =>
            FeedAsync(FeedKind.Symposium, feedToken, sender, ct));
        feeds.MapMethods("/attendees/{feedToken}.ics", GetOrHead, (string feedToken, ISender sender, CancellationToken ct) =>
            FeedAsync(FeedKind.Attendee, feedToken, sender, ct));

        app.MapGet("/bookings/{id:guid}/calendar.ics", async (Guid id, HttpRequest request, ISender sender, CancellationToken ct) =>
                await sender.Send(new ExportBookingInvite(id, BookingCookie.TokenOf(request, id)), ct) is { IsSuccess: true } file
                    ? Download(file.Value)
                    : NotFound())
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> FeedAsync(FeedKind kind, string token, ISender sender, CancellationToken ct)
    {
        var feed = await sender.Send(new ReadCalendarFeed(kind, token), ct);
        if (feed.IsFailure)
        {
            return NotFound();
        }

        return new CalendarResult(feed.Value, attachment: false);
    }

    private static IResult Download(CalendarFile file) => new CalendarResult(file, attachment: true);

    // A body of its own, so the pages' status-code handler does not turn it into an HTML page.
    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult NotFound() => TypedResults.Text("Not found.\n", "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);

    /// <summary>text/calendar, never cached by a shared cache: the address is a secret and so is what it shows.</summary>
    private sealed class CalendarResult(CalendarFile file, bool attachment) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.Headers.CacheControl = "private, no-store";
            response.Headers["X-Robots-Tag"] = "noindex";
            var disposition = new ContentDispositionHeaderValue(attachment ? "attachment" : "inline");
            disposition.SetHttpFileName(file.FileName);
            response.Headers.ContentDisposition = disposition.ToString();
            return TypedResults.Text(file.Text, ContentType, Encoding.UTF8).ExecuteAsync(httpContext);
        }
    }
}
