using System.Diagnostics.CodeAnalysis;

namespace SymposiumBooking.Domain.Common;

/// <summary>Lets generic code (a pipeline behavior) build a failed result of any result type.</summary>
public interface IFailable<out TSelf>
{
    static abstract TSelf Fail(Error error);
}

/// <summary>Any result, read without knowing its value type (logging, tests).</summary>
public interface IOutcome
{
    Error? Error { get; }
}

/// <summary>The outcome of an operation with no value: success, or an <see cref="Error"/>.</summary>
public readonly record struct Result : IFailable<Result>, IOutcome
{
    private Result(Error? error) => Error = error;

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsFailure => Error is not null;

    public static Result Success { get; }

    public static Result Fail(Error error) => new(error);

    public static implicit operator Result(Error error) => new(error);
}

/// <summary>The outcome of an operation: a value, or an <see cref="Error"/>.</summary>
public readonly record struct Result<T> : IFailable<Result<T>>, IOutcome
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsFailure => Error is not null;

    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"A failed result has no value ({Error.Code}).");

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Error error) => Fail(error);
}
