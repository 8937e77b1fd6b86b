using Microsoft.Extensions.Options;

namespace SymposiumBooking.Web.Infrastructure.Settings;

/// <summary>
/// How a setting is named in a refusal: its configuration key and, in brackets, its environment variable, so the
/// operator finds it whichever way they set it (docs/operations.md, "Settings").
/// </summary>
public static class Setting
{
    public static string Name(string key) => $"{key} ({key.Replace(":", "__", StringComparison.Ordinal)})";

    /// <summary>One line: the setting, then what is wrong with it.</summary>
    public static string Problem(string key, string problem) => $"{Name(key)} {problem}";

    public static string? Positive(string key, TimeSpan value) => value > TimeSpan.Zero ? null : Problem(key, "must be longer than zero");

    public static string? AtLeast(string key, int value, int least) => value >= least ? null : Problem(key, $"must be at least {least}");
}

/// <summary>What a settings rule may look at besides its own section.</summary>
public sealed record SettingsContext(IHostEnvironment Environment, IConfiguration Configuration)
{
    public bool Production => Environment.IsProduction();
}

/// <summary>
/// Every options class is bound with <see cref="AddSettings{T}"/>: validated when the app starts (before the database is
/// touched, Composition/SettingsCheck), each rule naming its setting; all problems are gathered, not just the first
/// (docs/adr/0095).
/// </summary>
public static class SettingsRegistration
{
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();

    /// <summary>Adds the rules of <typeparamref name="T"/>: each non-null string is one problem, one line.</summary>
    public static OptionsBuilder<T> Rules<T>(this OptionsBuilder<T> settings, Func<T, SettingsContext, IEnumerable<string?>> problems)
        where T : class
    {
        var name = settings.Name;
        settings.Services.AddSingleton<IValidateOptions<T>>(sp => new RulesValidator<T>(
            name, problems, new SettingsContext(sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<IConfiguration>())));
        return settings;
    }
}

internal sealed class RulesValidator<T>(string? name, Func<T, SettingsContext, IEnumerable<string?>> problems, SettingsContext context)
    : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? optionsName, T options)
    {
        if (name is not null && name != optionsName)
        {
            return ValidateOptionsResult.Skip;
        }

        var found = problems(options, context).OfType<string>().ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
