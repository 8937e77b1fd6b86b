using FluentValidation;
using Mediator;
using SymposiumBooking.Domain.Common;

namespace SymposiumBooking.Web.Infrastructure.Mediator;

/// <summary>
/// Runs the message's FluentValidation validators before its handler. Invalid input becomes a failed result
/// with code <c>request.invalid</c> and the fields at fault (400 ValidationProblemDetails at the edge);
/// the handler never runs, so nothing is written.
/// </summary>
/// <remarks>
/// Synchronously: every rule in this app is a check of the message alone (no <c>MustAsync</c>, no lookups; those
/// belong in the handler, inside its transaction), and FluentValidation's async path cost a booking an async state
/// machine per rule, a seventh of the app's CPU in the rush (docs/adr/0033). An async rule would throw
/// here; <c>ValidatorTests</c> fails first.
/// </remarks>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
    where TResponse : IFailable<TResponse>
{
    public const string Code = ValidationErrors.Code;

    public ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        ValidationErrors.Of(validators, message) is { } invalid
            ? ValueTask.FromResult(TResponse.Fail(invalid))
            : next(message, cancellationToken);
}

/// <summary>Validation failures as the one <c>request.invalid</c> error, with the fields named as the client sent them.</summary>
public static class ValidationErrors
{
    public const string Code = "request.invalid";

    /// <summary>
    /// Runs <paramref name="validators"/> on <paramref name="message"/>, synchronously (docs/adr/0033): null when it is
    /// valid (nothing allocated), else the one <c>request.invalid</c> error naming every field at fault.
    /// </summary>
    public static Error? Of<T>(IEnumerable<IValidator<T>> validators, T message)
    {
        List<FluentValidation.Results.ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var errors = validator.Validate(message).Errors;
            if (errors.Count > 0)
            {
                (failures ??= []).AddRange(errors);
            }
        }

        return failures is null ? null : From(failures);
    }

    public static Error From(IEnumerable<FluentValidation.Results.ValidationFailure> failures)
    {
        var fields = failures
            .GroupBy(f => JsonName(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
        return new Error(Code, ErrorKind.Validation, "Some fields are missing or invalid.") { Fields = fields };
    }

    /// <summary>"Intake.Note" becomes "intake.note", the name the client sent.</summary>
    /// <remarks>
    /// A request that carries what the client sent as a <c>Body</c> property (beside ids from the route) reports
    /// the body's fields without that prefix: "Body.City" becomes "city".
    /// </remarks>
    private static string JsonName(string propertyPath)
    {
        var name = string.Join('.', propertyPath.Split('.')
            .SkipWhile((p, i) => i == 0 && p == BodyProperty)
            .Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
        return name.Length == 0 ? "body" : name;
    }

    private const string BodyProperty = "Body";
}
