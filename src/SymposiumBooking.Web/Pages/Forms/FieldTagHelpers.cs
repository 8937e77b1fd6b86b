using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SymposiumBooking.Web.Pages.Forms;

/// <summary>What the form tag helpers share: the input's name, id and message, from its model expression.</summary>
public abstract class FormTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    protected static HtmlEncoder Html => HtmlEncoder.Default;

    /// <summary>The input's name: the expression's path under the view's prefix (a partial drawn <c>for="Form"</c> has one).</summary>
    protected string NameOf(ModelExpression field) => ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(field.Name);

    protected string? MessageOf(string name) => ViewContext.ModelState.MessageOf(name);

    /// <summary>For <c>aria-describedby</c>: the hint (if any) and the error message (if any), or null.</summary>
    protected string? DescribedBy(string name, string? hintId)
    {
        var ids = new[] { hintId, MessageOf(name) is null ? null : ErrorId(name) }.OfType<string>();
        var joined = string.Join(' ', ids);
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>The message shown between an input's label and the input itself.</summary>
    protected IHtmlContent Message(string name) => MessageOf(name) is { } message
        ? new HtmlString($"<p class=\"field-error\" id=\"{Html.Encode(ErrorId(name))}\"><span class=\"visually-hidden\">Error: </span>{Html.Encode(message)}</p>")
        : HtmlString.Empty;

    protected static string ErrorId(string name) => FormFields.Id(name) + "-error";

    protected static string? HintId(string name, string? hint) => hint is null ? null : FormFields.Id(name) + "-hint";

    protected static string Attribute(string name, string? value) => value is null ? "" : $" {name}=\"{Html.Encode(value)}\"";

    protected static string? Text(object? model) => model switch
    {
        null => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => model.ToString(),
    };
}

/// <summary>
/// One labelled input with its hint and error: <c>&lt;field for="Form.City" label="City" maxlength="200" /&gt;</c>.
/// Attributes it does not know (autocomplete, inputmode, list, min, step, maxlength) go on the input.
/// </summary>
[HtmlTargetElement("field", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper : FormTagHelper
{
    public ModelExpression For { get; set; } = null!;

    public string Label { get; set; } = "";

    public string? Hint { get; set; }

    public string Type { get; set; } = "text";

    /// <summary>Not required.</summary>
    public bool Optional { get; set; }

    /// <summary>A width class for short values ("short", "medium").</summary>
    public string? Size { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = NameOf(For);
        var id = FormFields.Id(name);
        var hintId = HintId(name, Hint);
        var extra = string.Concat(output.Attributes.Select(a => Attribute(a.Name, Text(a.Value))));
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.Clear();
        output.Attributes.Add("class", "field");
        output.Content.AppendHtml($"<label for=\"{Html.Encode(id)}\">{Html.Encode(Label)}</label>");
        if (Hint is not null)
        {
            output.Content.AppendHtml($"<p class=\"hint\" id=\"{Html.Encode(hintId!)}\">{Html.Encode(Hint)}</p>");
        }

        output.Content.AppendHtml(Message(name));
        output.Content.AppendHtml(
            $"<input{Attribute("id", id)}{Attribute("name", name)}{Attribute("type", Type)}{Attribute("value", Text(For.Model))}{Attribute("class", Size)}"
            + $"{(Optional ? "" : " required")}{extra}{Attribute("aria-invalid", MessageOf(name) is null ? null : "true")}{Attribute("aria-describedby", DescribedBy(name, hintId))}>");
    }
}

/// <summary>
/// The name, id and error state of an input, select or textarea written by hand:
/// <c>&lt;select field="Form.Date" field-hint="date-hint"&gt;</c>; on a label, its <c>for</c>; on anything else, its id.
/// A textarea without content shows the model's value.
/// </summary>
[HtmlTargetElement("input", Attributes = "field", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("select", Attributes = "field")]
[HtmlTargetElement("textarea", Attributes = "field")]
[HtmlTargetElement("label", Attributes = "field")]
[HtmlTargetElement("p", Attributes = "field")]
public sealed class FieldAttributesTagHelper : FormTagHelper
{
    public ModelExpression Field { get; set; } = null!;

    /// <summary>The id of the input's hint, for <c>aria-describedby</c>.</summary>
    public string? FieldHint { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var name = NameOf(Field);
        var id = FormFields.Id(name);
        switch (output.TagName)
        {
            case "label":
                output.Attributes.SetAttribute("for", id);
                return;
            case "p":
                output.Attributes.Insert(0, new TagHelperAttribute("id", id));
                return;
        }

        output.Attributes.Insert(0, new TagHelperAttribute("id", id));
        output.Attributes.Insert(1, new TagHelperAttribute("name", name));
        if (output.TagName == "textarea" && (await output.GetChildContentAsync()).IsEmptyOrWhiteSpace)
        {
            output.Content.SetContent(Text(Field.Model));
        }

        if (MessageOf(name) is not null)
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
        }

        if (DescribedBy(name, FieldHint) is { } describedBy)
        {
            output.Attributes.SetAttribute("aria-describedby", describedBy);
        }
    }
}

/// <summary>The message of an input whose markup is written by hand: <c>&lt;field-error for="Form.Consent" /&gt;</c>.</summary>
[HtmlTargetElement("field-error", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : FormTagHelper
{
    public ModelExpression For { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        output.Content.SetHtmlContent(Message(NameOf(For)));
    }
}

/// <summary>One radio or checkbox: the value sent and the words shown.</summary>
public sealed record Choice(string Value, string Label);

/// <summary>
/// A group of radios (or checkboxes, when the property is a list) in a fieldset:
/// <c>&lt;choices for="Form.HeadTurn" legend="…" options="Choices.HeadTurns" /&gt;</c>. Each answer's label is the
/// target: a whole row at least 48 px high, so a shaky tap still lands. The fieldset carries the group's id (the
/// error summary links there, and js/error-summary.js puts the caret in its first input); each input is
/// <c>{id}-{value}</c>.
/// </summary>
[HtmlTargetElement("choices", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ChoicesTagHelper : FormTagHelper
{
    public ModelExpression For { get; set; } = null!;

    public string Legend { get; set; } = "";

    public IReadOnlyList<Choice> Options { get; set; } = [];

    public string? Hint { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = NameOf(For);
        var id = FormFields.Id(name);
        var hintId = HintId(name, Hint);
        var multiple = For.Model is IEnumerable and not string;
        var chosen = multiple ? ((IEnumerable)For.Model!).Cast<object?>().Select(Text).ToHashSet() : [Text(For.Model)];
        output.TagName = "fieldset";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.Clear();
        output.Attributes.Add("id", id);
        output.Attributes.Add("class", "choices");
        output.Attributes.Add("tabindex", "-1");
        if (DescribedBy(name, hintId) is { } describedBy)
        {
            output.Attributes.Add("aria-describedby", describedBy);
        }

        output.Content.AppendHtml($"<legend>{Html.Encode(Legend)}</legend>");
        if (Hint is not null)
        {
            output.Content.AppendHtml($"<p class=\"hint\" id=\"{Html.Encode(hintId!)}\">{Html.Encode(Hint)}</p>");
        }

        output.Content.AppendHtml(Message(name));
        output.Content.AppendHtml("<div class=\"choice-list\">");
        foreach (var option in Options)
        {
            var inputId = $"{id}-{option.Value}";
            output.Content.AppendHtml(
                $"<div class=\"choice\"><input type=\"{(multiple ? "checkbox" : "radio")}\"{Attribute("id", inputId)}{Attribute("name", name)}{Attribute("value", option.Value)}"
                + $"{(chosen.Contains(option.Value) ? " checked" : "")}><label for=\"{Html.Encode(inputId)}\">{Html.Encode(option.Label)}</label></div>");
        }

        output.Content.AppendHtml("</div>");
    }
}
