using Microsoft.Extensions.Options;

namespace SymposiumBooking.Web.Composition;

/// <summary>
/// Checks every setting before anything else runs (docs/adr/0095): the options registered with <c>ValidateOnStart</c>
/// are validated now, so a wrong setting stops the app before it touches the database, with one line per problem on
/// standard error, each naming its setting. The host validates them again when it starts; by then they pass.
/// </summary>
public static class SettingsCheck
{
    /// <summary>True when every setting is valid; otherwise prints the problems.</summary>
    public static bool Passes(WebApplication app)
    {
        var problems = Problems(app.Services);
        if (problems.Count == 0)
        {
            return true;
        }

        var error = Console.Error;
        error.WriteLine($"SymposiumBooking does not start ({app.Environment.EnvironmentName}): {problems.Count} setting{(problems.Count == 1 ? "" : "s")} to fix (docs/operations.md, \"Settings\"):");
        foreach (var problem in problems)
        {
            error.WriteLine(problem);
        }

        error.Flush();
        return false;
    }

    /// <summary>Every problem the settings' rules find, one line each; empty when all is well.</summary>
    public static IReadOnlyList<string> Problems(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
        catch (AggregateException e)
        {
            return [.. e.Flatten().InnerExceptions.SelectMany(Lines)];
        }
        catch (InvalidOperationException e)
        {
            // The binder refuses a value it cannot convert ("Failed to convert configuration value at 'Mail:Smtp:Port' ...").
            return Lines(e);
        }
    }

    private static string[] Lines(Exception e) => e is OptionsValidationException invalid
        ? [.. invalid.Failures]
        : [e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message];
}
