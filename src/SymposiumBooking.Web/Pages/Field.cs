namespace SymposiumBooking.Web.Pages;

/// <summary>One labelled input with its hint and error (Shared/_Field.cshtml draws it).</summary>
public sealed record Field(FormErrors Errors, string Id, string Name, string Label, string? Value)
{
    public string Type { get; init; } = "text";

    public string? Hint { get; init; }

    public bool Required { get; init; } = true;

    public string? Autocomplete { get; init; }

    public string? InputMode { get; init; }

    /// <summary>The id of a datalist with suggestions.</summary>
    public string? List { get; init; }

    public string? Min { get; init; }

    public string? Max { get; init; }

    public string? Step { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>A width class for short values ("short", "medium").</summary>
    public string? Size { get; init; }

    public string? HintId => Hint is null ? null : Id + "-hint";
}
