using Mono.Cecil;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// Layers point one way (docs/architecture.md): Pages → Features → Domain, and Infrastructure is what Features use. Read
/// from the compiled IL, so a call inside a method body or a lambda counts as much as a field or a signature. Only the
/// composition root (<c>Program.cs</c>, <c>Composition/</c>) may see every layer.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Web = "SymposiumBooking.Web";

    private static readonly Lazy<ModuleDefinition> App = new(() => ModuleDefinition.ReadModule(typeof(PublicUrls).Assembly.Location));

    [Fact]
    public void The_domain_references_nothing_but_NodaTime_and_the_base_library()
    {
        var others = typeof(Booking).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name ?? "")
            .Where(name => name is not ("NodaTime" or "System" or "netstandard" or "mscorlib") && !name.StartsWith("System.", StringComparison.Ordinal))
            .ToList();

        Assert.True(others.Count == 0, $"SymposiumBooking.Domain references {string.Join(", ", others)}; it may reference only NodaTime and the base library.");
    }

    [Fact]
    public void Infrastructure_references_no_feature_and_no_page()
    {
        var breaches = Breaches($"{Web}.Infrastructure", $"{Web}.Features", $"{Web}.Pages");

        Assert.True(breaches.Count == 0, Report("Infrastructure must not reference Features or Pages", breaches));
    }

    [Fact]
    public void Features_reference_no_page()
    {
        var breaches = Breaches($"{Web}.Features", $"{Web}.Pages");

        Assert.True(breaches.Count == 0, Report("Features must not reference Pages", breaches));
    }

    /// <summary>Each type under <paramref name="layer"/> (nested and compiler-made types count as their outermost type) with what it uses from <paramref name="forbidden"/>.</summary>
    private static Dictionary<string, SortedSet<string>> Breaches(string layer, params string[] forbidden)
    {
        var breaches = new Dictionary<string, SortedSet<string>>();
        foreach (var type in App.Value.Types.SelectMany(WithNested).Where(t => In(Namespace(t), layer)))
        {
            foreach (var used in Uses(type).SelectMany(Expand).Where(u => forbidden.Any(f => In(Namespace(u), f))))
            {
                var owner = Outermost(type).FullName;
                if (!breaches.TryGetValue(owner, out var set))
                {
                    breaches[owner] = set = [];
                }

                set.Add(Outermost(used).FullName);
            }
        }

        return breaches;
    }

    private static string Report(string rule, Dictionary<string, SortedSet<string>> breaches) =>
        $"{rule} (docs/architecture.md). Offending types:\n"
        + string.Join('\n', breaches.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"  {b.Key} uses {string.Join(", ", b.Value)}"));

    private static bool In(string ns, string layer) => ns == layer || ns.StartsWith(layer + ".", StringComparison.Ordinal);

    private static IEnumerable<TypeDefinition> WithNested(TypeDefinition type) => [type, .. type.NestedTypes.SelectMany(WithNested)];

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private static string Namespace(TypeReference type) => Outermost(type).Namespace;

    /// <summary>Every type a type's metadata or IL names: base, interfaces, attributes, members' types, locals and the operands of its instructions.</summary>
    private static IEnumerable<TypeReference?> Uses(TypeDefinition type)
    {
        yield return type.BaseType;
        foreach (var i in type.Interfaces)
        {
            yield return i.InterfaceType;
        }

        foreach (var a in type.CustomAttributes)
        {
            yield return a.AttributeType;
        }

        foreach (var f in type.Fields)
        {
            yield return f.FieldType;
        }

        foreach (var p in type.Properties)
        {
            yield return p.PropertyType;
        }

        foreach (var e in type.Events)
        {
            yield return e.EventType;
        }

        foreach (var m in type.Methods)
        {
            foreach (var used in Signature(m))
            {
                yield return used;
            }

            foreach (var a in m.CustomAttributes)
            {
                yield return a.AttributeType;
            }

            if (!m.HasBody)
            {
                continue;
            }

            foreach (var v in m.Body.Variables)
            {
                yield return v.VariableType;
            }

            foreach (var instruction in m.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        yield return t;
                        break;
                    case MethodReference called:
                        foreach (var used in Signature(called))
                        {
                            yield return used;
                        }

                        if (called is GenericInstanceMethod generic)
                        {
                            foreach (var argument in generic.GenericArguments)
                            {
                                yield return argument;
                            }
                        }

                        break;
                    case FieldReference field:
                        yield return field.DeclaringType;
                        yield return field.FieldType;
                        break;
                }
            }
        }
    }

    private static IEnumerable<TypeReference> Signature(MethodReference method) =>
        [method.DeclaringType, method.ReturnType, .. method.Parameters.Select(p => p.ParameterType)];

    /// <summary>A type and, for an array, pointer or generic instance, the types it is made of.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference? type)
    {
        switch (type)
        {
            case null or GenericParameter:
                return [];
            case GenericInstanceType generic:
                return [.. Expand(generic.ElementType), .. generic.GenericArguments.SelectMany(Expand)];
            case TypeSpecification spec:
                return Expand(spec.ElementType);
            default:
                return [type];
        }
    }
}
