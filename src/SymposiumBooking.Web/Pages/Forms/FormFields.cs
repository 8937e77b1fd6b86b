using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SymposiumBooking.Web.Pages.Forms;

/// <summary>
/// How a page's inputs are named (docs/adr/0070). A page binds its input model as <see cref="Form"/>
/// (<c>[BindProperty] public ShiftForm Form</c>), or binds its few fields on itself. An input's name is its model path
/// (<c>Form.Breaks[0].Start</c>), which is also its <c>ModelState</c> key; its id is that path in kebab case without
/// the <c>Form.</c> (<c>breaks-0-start</c>). A handler's field, named by its JSON path (<c>breaks[0].start</c>),
/// lands on the property of the same name, or on the one marked <see cref="ApiNameAttribute"/> with that path.
/// </summary>
public static class FormFields
{
    /// <summary>The name of the property a page binds its input model to.</summary>
    public const string Form = nameof(Form);

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>The key of a property of the page's input model: <c>Year</c> → <c>Form.Year</c>.</summary>
    public static string Key(string property) => $"{Form}.{property}";

    /// <summary>An input's id from its name: <c>Form.VenueName</c> → <c>venue-name</c>, <c>Form.Breaks[0].Start</c> → <c>breaks-0-start</c>.</summary>
    public static string Id(string name)
    {
        var path = name.StartsWith(Form + ".", StringComparison.Ordinal) ? name[(Form.Length + 1)..] : name;
        var id = new StringBuilder(path.Length + 8);
        foreach (var c in path)
        {
            if (c is '.' or '[' || (char.IsUpper(c) && id.Length > 0))
            {
                if (id.Length > 0 && id[^1] != '-')
                {
                    id.Append('-');
                }
            }

            if (c is not ('.' or '[' or ']'))
            {
                id.Append(char.ToLowerInvariant(c));
            }
        }

        return id.ToString();
    }

    /// <summary>
    /// The <c>ModelState</c> key that shows a handler's field on <paramref name="page"/>, or null when no input shows
    /// it (the problem then stays in the summary). A field naming a group (<c>breaks</c>, <c>breaks[1]</c>) lands on
    /// the group's first input.
    /// </summary>
    public static string? KeyOf(Type page, string jsonPath)
    {
        var form = Bound(page).FirstOrDefault(p => p.Name == Form);
        return form is null ? Resolve(page, jsonPath) : Resolve(form.PropertyType, jsonPath) is { } key ? Key(key) : null;
    }

    /// <summary>Where a key's input stands in the form (the order of the model's properties, base class first), for sorting.</summary>
    public static IReadOnlyList<int> Order(Type page, string key)
    {
        var order = new List<int>();
        var type = page;
        foreach (var segment in key.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, index) = Split(segment);
            var properties = Bound(type);
            var at = Array.FindIndex(properties, p => p.Name == name);
            if (at < 0)
            {
                order.Add(int.MaxValue);
                break;
            }

            order.Add(at);
            type = properties[at].PropertyType;
            if (index is { } i)
            {
                order.Add(i);
                type = ElementOf(type) ?? type;
            }
        }

        return order.Count == 0 ? [-1] : order;
    }

    private static string? Resolve(Type type, string path)
    {
        var properties = Bound(type);
        foreach (var property in properties)
        {
            if (property.GetCustomAttribute<ApiNameAttribute>()?.Path is { } named
                && (path == named || path.StartsWith(named + ".", StringComparison.Ordinal) || path.StartsWith(named + "[", StringComparison.Ordinal)))
            {
                return Descend(property, path[named.Length..]);
            }
        }

        var end = path.IndexOfAny(['.', '[']);
        var name = end < 0 ? path : path[..end];
        var match = properties.FirstOrDefault(p => p.GetCustomAttribute<ApiNameAttribute>() is null
            && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        return match is null ? null : Descend(match, end < 0 ? "" : path[end..]);
    }

    /// <summary>The key below <paramref name="property"/> for the rest of the path ("", "[1]", "[1].end", ".start").</summary>
    private static string? Descend(PropertyInfo property, string rest)
    {
        var key = property.Name;
        var type = property.PropertyType;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !int.TryParse(rest[1..close], out var index) || ElementOf(type) is not { } element)
            {
                return null;
            }

            key += $"[{index}]";
            type = element;
            rest = rest[(close + 1)..];
        }
        else if (ElementOf(type) is { } element && !IsSimple(element))
        {
            key += "[0]";
            type = element;
        }

        if (rest.StartsWith('.'))
        {
            return Resolve(type, rest[1..]) is { } below ? $"{key}.{below}" : null;
        }

        // A group: its first input.
        return IsSimple(type) || ElementOf(type) is not null || Bound(type).Length == 0 ? key : $"{key}.{Descend(Bound(type)[0], "")}";
    }

    /// <summary>What a form binds: an input model's public properties; on a page, only its [BindProperty] ones.</summary>
    private static PropertyInfo[] Bound(Type type) => Properties.GetOrAdd(type, t =>
    {
        var chain = new List<Type>();
        for (var at = t; at is not null && at != typeof(object); at = at.BaseType)
        {
            chain.Insert(0, at);
        }

        var page = typeof(PageModel).IsAssignableFrom(t);
        return
        [
            .. chain.SelectMany(c => c.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).OrderBy(p => p.MetadataToken))
                .Where(p => p.GetIndexParameters().Length == 0 && (!page || p.GetCustomAttribute<BindPropertyAttribute>() is not null)),
        ];
    });

    private static (string Name, int? Index) Split(string segment)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        return open < 0 ? (segment, null)
            : (segment[..open], int.TryParse(segment[(open + 1)..^1], out var i) ? i : null);
    }

    private static bool IsSimple(Type type) => type.IsValueType || type == typeof(string);

    private static Type? ElementOf(Type type) =>
        type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetGenericArguments() is [var element] ? element : null;
}
