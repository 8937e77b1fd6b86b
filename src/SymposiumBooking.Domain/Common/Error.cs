namespace SymposiumBooking.Domain.Common;

/// <summary>How an expected failure should be answered: the edge maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>The input is malformed or out of range (400).</summary>
    Validation,

    /// <summary>Missing or wrong credentials (401).</summary>
    Unauthorized,

    /// <summary>Signed in, but not allowed (403).</summary>
    Forbidden,

    /// <summary>Nothing there, or nothing this caller may see (404).</summary>
    NotFound,

    /// <summary>The request clashes with the current state (409).</summary>
    Conflict,

    /// <summary>A business rule forbids it (422).</summary>
    Rule,

    /// <summary>Too many attempts; try again later (429).</summary>
    TooManyRequests,

    /// <summary>A service we depend on (the payment provider) did not answer; nothing changed, try again (503).</summary>
    Unavailable,
}

/// <summary>
/// An expected failure, returned as a value. <see cref="Code"/> is the stable machine code clients rely on
/// (for example <c>booking.slot_unavailable</c>); <see cref="Fields"/> names the inputs at fault.
/// </summary>
public sealed record Error(string Code, ErrorKind Kind, string Message)
{
    public IReadOnlyDictionary<string, string[]>? Fields { get; init; }

    /// <summary>
    /// What else the answer carries to help the caller on (for example the free times nearest a slot that was just
    /// taken), by member name; the edge adds them to the problem details beside <see cref="Code"/>.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>When the caller may try again, for <see cref="ErrorKind.TooManyRequests"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Error Invalid(string code, string field, string message) =>
        new(code, ErrorKind.Validation, message) { Fields = new Dictionary<string, string[]> { [field] = [message] } };
}
