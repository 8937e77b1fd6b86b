using FluentValidation;
using SymposiumBooking.Domain.Symposia;

namespace SymposiumBooking.Web.Features.Symposia;

/// <summary>What an organizer types about a symposium; shared by create and edit.</summary>
public interface ISymposiumFields : IPlaceFields
{
    string EndDate { get; }

    string Currency { get; }

    long? ReducedRateCents { get; }

    long? StandardRateCents { get; }
}

/// <summary>A symposium's details as the client sends them (create and edit).</summary>
public sealed record SymposiumBody(
    int Year,
    string City,
    string VenueName,
    string VenueAddress,
    string TimeZone,
    string StartDate,
    string EndDate,
    string Currency,
    long? ReducedRateCents,
    long? StandardRateCents) : ISymposiumFields;

/// <summary>Where and when a copy meets.</summary>
public sealed record CopyBody(int Year, string City, string VenueName, string VenueAddress, string TimeZone, string StartDate) : IPlaceFields;

public sealed class SymposiumBodyValidator : AbstractValidator<SymposiumBody>
{
    public SymposiumBodyValidator() => this.AddSymposiumRules();
}

public sealed class CopyBodyValidator : AbstractValidator<CopyBody>
{
    public CopyBodyValidator() => this.AddPlaceRules();
}

public static class SymposiumFields
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public static SymposiumDetails ToDetails(this ISymposiumFields f) => new(
        f.Year, f.City, f.VenueName, f.VenueAddress, f.TimeZone.Trim(), ApiFormat.ParseDate(f.StartDate), ApiFormat.ParseDate(f.EndDate),
        f.Currency.Trim(), f.ReducedRateCents ?? 0, f.StandardRateCents ?? 0);

    /// <summary>Shape only (present, short enough, well-formed); the rules between fields are the model's.</summary>
    public static void AddPlaceRules<T>(this AbstractValidator<T> v)
        where T : IPlaceFields
    {
        v.RuleFor(x => x.Year).InclusiveBetween(MinYear, MaxYear);
        v.RuleFor(x => x.City).NotEmpty().MaximumLength(200).SingleLine();
        v.RuleFor(x => x.VenueName).NotEmpty().MaximumLength(200).SingleLine();
        v.RuleFor(x => x.VenueAddress).NotEmpty().MaximumLength(500).SingleLine();
        v.RuleFor(x => x.TimeZone).NotEmpty().MaximumLength(64).SingleLine();
        v.RuleFor(x => x.StartDate).NotEmpty().Must(ApiFormat.IsDate).WithMessage("Use the form YYYY-MM-DD.");
    }

    public static void AddSymposiumRules<T>(this AbstractValidator<T> v)
        where T : ISymposiumFields
    {
        v.AddPlaceRules();
        v.RuleFor(x => x.EndDate).NotEmpty().Must(ApiFormat.IsDate).WithMessage("Use the form YYYY-MM-DD.");
        v.RuleFor(x => x.Currency).NotEmpty().MaximumLength(8).SingleLine();
        v.RuleFor(x => x.ReducedRateCents).NotNull();
        v.RuleFor(x => x.StandardRateCents).NotNull();
    }
}

/// <summary>Where and when a symposium meets: the part a copy asks for again.</summary>
public interface IPlaceFields
{
    int Year { get; }

    string City { get; }

    string VenueName { get; }

    string VenueAddress { get; }

    string TimeZone { get; }

    string StartDate { get; }
}
