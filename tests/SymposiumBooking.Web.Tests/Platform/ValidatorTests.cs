using FluentValidation;
using FluentValidation.Validators;
using SymposiumBooking.Web.Infrastructure.Mediator;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// <see cref="ValidationBehavior{TMessage, TResponse}"/> runs every request's validators synchronously (the async path
/// cost the booking rush a seventh of the app's CPU). FluentValidation throws when a synchronous run meets an async
/// rule, which would turn that request into a 500: this test fails first, naming the validator.
/// </summary>
public sealed class ValidatorTests
{
    public static TheoryData<string> Validators() =>
        [.. ValidatorTypes().Select(t => t.FullName!)];

    [Fact]
    public void The_app_has_validators_for_this_test_to_check() =>
        Assert.True(ValidatorTypes().Count() >= 10, $"found only {ValidatorTypes().Count()} validators");

    [Theory]
    [MemberData(nameof(Validators))]
    public void Every_rule_can_run_synchronously(string validatorType)
    {
        var type = ValidatorTypes().Single(t => t.FullName == validatorType);
        var validator = (IValidator)Activator.CreateInstance(type, nonPublic: true)!;

        var asyncOnly = ((IEnumerable<IValidationRule>)validator)
            .SelectMany(rule => rule.Components.Select(c => (rule.PropertyName, Component: c)))
            .Where(x => x.Component.HasAsyncCondition || OnlyAsync(x.Component.Validator))
            .Select(x => $"{x.PropertyName}: {x.Component.Validator.Name}")
            .ToList();

        Assert.Empty(asyncOnly);
    }

    private static IEnumerable<Type> ValidatorTypes() =>
        typeof(ValidationBehavior<,>).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t));

    /// <summary>A MustAsync-style check, which has no synchronous form (a child validator has both).</summary>
    private static bool OnlyAsync(IPropertyValidator validator)
    {
        var interfaces = validator.GetType().GetInterfaces()
            .Where(i => i.IsGenericType)
            .Select(i => i.GetGenericTypeDefinition())
            .ToList();
        return interfaces.Contains(typeof(IAsyncPropertyValidator<,>)) && !interfaces.Contains(typeof(IPropertyValidator<,>));
    }
}
