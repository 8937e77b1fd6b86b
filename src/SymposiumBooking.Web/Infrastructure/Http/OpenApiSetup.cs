using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Auth;

namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>
/// Endpoint metadata: the caller proves a right to this endpoint with a secret in a request header (an attendee's
/// booking token, a waitlist offer's token). The OpenAPI document declares it as an API-key security scheme.
/// </summary>
/// <param name="Scheme">The security scheme's name in the document (<c>bookingToken</c>).</param>
/// <param name="Header">The request header that carries it (<c>X-Booking-Token</c>).</param>
/// <param name="Description">Where the caller gets it.</param>
public sealed record CredentialHeader(string Scheme, string Header, string Description);

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) as part of the contract (docs/api.md, docs/adr/0080): every operation
/// says who may call it — derived from the endpoint's authorization metadata and <see cref="CredentialHeader"/>, never
/// from a list here — and types are described as they are on the wire.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string BearerScheme = "bearer";

    /// <summary>The tags the endpoints use, with what each groups (Redocly's <c>tag-description</c>).</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Auth"] = "Staff sign-in: bearer tokens for organizers and therapists.",
        ["Symposia"] = "A symposium is one year's event: its details, booking policy, publishing, copying and bookings.",
        ["Therapists and shifts"] = "Organizers set up a symposium's therapists and their shifts; shifts generate the slots.",
        ["Availability"] = "The slots attendees can book.",
        ["Bookings"] = "Booking a slot, and managing the booking with its token.",
        ["Waitlist"] = "Waiting for a slot to free up, and the offers that follow.",
        ["Calendar"] = "Calendar files and the private subscription feeds.",
        ["Therapists"] = "The therapist's day: schedule, sessions with their intake, and their outcomes.",
        ["Payments"] = "Stripe's webhook, refunds and reconciliation.",
        ["Audit"] = "Who changed money or data.",
        ["Mail"] = "Mail that did not go out, and sending it again.",
        ["Dashboard"] = "How a symposium stands now: slots, bookings, money and the waitlist.",
        ["At the table"] = "Organizers at the symposium's table: walk-ins, payments taken there, check-in.",
        ["Fair opening"] = "Symposia that open by draw: one ranked request per person while requests are open, then a draw anyone can check (docs/fair-opening.md).",
        ["Shop"] = "The guidebook shop: products, orders shipped or picked up at the symposium table, paid online or at the table (docs/shop.md).",
        ["Changes on behalf"] = "Organizers cancel, move or resend a booking for its attendee; attendees recover lost links.",
        ["Staff accounts"] = "Organizer and therapist accounts: invitations, removal, passwords.",
    };

    public static IServiceCollection AddBookingOpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        // NodaTime values are plain strings on the wire: written in place, not as components a client would wrap.
        o.CreateSchemaReferenceId = type => WireString(type.Type) is null ? OpenApiOptions.CreateDefaultSchemaReferenceId(type) : null;
        o.AddDocumentTransformer(DescribeDocumentAsync);
        o.AddOperationTransformer(DescribeAccessAsync);
        o.AddSchemaTransformer(DescribeWireTypesAsync);
    });

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "SymposiumBooking API";
        document.Info.Description = "Booking reduced-rate massage at the yearly ST/Dystonia patient symposium. "
            + "The contract, with its conventions and every error code, is docs/api.md in the repository.";
        // Relative: the document describes the server that serves it, whatever name the client reached it by.
        document.Servers = [new OpenApiServer { Url = "/" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Staff (organizers, therapists): the accessToken from POST /api/v1/auth/login. Pages' scripts may "
                + $"send the staff cookie ({AuthSetup.CookieName}) instead, with the antiforgery header RequestVerificationToken. "
                + "A requirement lists the roles the operation needs.",
        };
        foreach (var credential in context.DescriptionGroups
                     .SelectMany(g => g.Items)
                     .SelectMany(d => d.ActionDescriptor.EndpointMetadata.OfType<CredentialHeader>())
                     .DistinctBy(c => c.Scheme))
        {
            document.Components.SecuritySchemes[credential.Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = credential.Header,
                Description = credential.Description,
            };
        }

        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Who may call the operation: staff with a bearer token (and which roles), the holder of a header credential, or
    /// anyone (<c>security: []</c>, stated rather than left out). Staff operations also answer 401, and 403 when not
    /// every staff role may call them.
    /// </summary>
    private static async Task DescribeAccessAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Security = [];
        operation.Responses ??= [];
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            foreach (var credential in metadata.OfType<CredentialHeader>())
            {
                operation.Parameters?.Remove(operation.Parameters.First(p => p.In == ParameterLocation.Header && p.Name == credential.Header));
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(credential.Scheme, context.Document)] = [] });
            }

            return;
        }

        var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(policies, metadata.OfType<IAuthorizeData>().ToList(), []);
        var roles = policy?.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToList() ?? [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = roles });
        operation.Responses.TryAdd("401", Problem("Not signed in as staff (no or expired bearer token), or the staff cookie without the antiforgery header."));
        if (roles.Count > 0 && !Roles.All.All(roles.Contains))
        {
            operation.Responses.TryAdd("403", Problem($"Signed in, but not as {string.Join(" or ", roles)}."));
        }
    }

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails") },
        },
    };

    /// <summary>
    /// Types as the JSON options write them: NodaTime values are ISO strings (ApiFormat), and numbers are numbers —
    /// the serializer also reads a number given as a string, but nothing in the contract sends one that way.
    /// </summary>
    private static Task DescribeWireTypesAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (WireString(context.JsonTypeInfo.Type) is { } wire)
        {
            var nullable = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) is not null;
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            schema.Format = wire.Format;
            schema.Pattern = wire.Pattern;
            schema.Properties?.Clear();
            return Task.CompletedTask;
        }

        if (schema.Type is { } t && t.HasFlag(JsonSchemaType.String) && (t.HasFlag(JsonSchemaType.Integer) || t.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = t & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>The string a NodaTime type is on the wire (ApiFormat's JSON converters), or null.</summary>
    private static (string? Format, string? Pattern)? WireString(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(LocalDate) => ("date", null),
            var t when t == typeof(LocalTime) => (null, "^[0-2][0-9]:[0-5][0-9]$"),
            var t when t == typeof(Instant) => ("date-time", null),
            _ => null,
        };
}
