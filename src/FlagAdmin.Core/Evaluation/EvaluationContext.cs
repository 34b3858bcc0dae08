using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace FlagAdmin.Core.Evaluation;

/// <summary>
/// Who a flag is evaluated for: a targeting key (the stable id that percentage rollouts hash) and
/// named attributes. Attribute names are case-sensitive. Rules may name the targeting key as the
/// attribute <c>targetingKey</c>. An empty targeting key counts as none. Immutable once made.
/// </summary>
public readonly struct EvaluationContext
{
    public const string TargetingKeyName = "targetingKey";

    private static readonly IReadOnlyDictionary<string, AttributeValue> NoAttributes =
        ReadOnlyDictionary<string, AttributeValue>.Empty;

    private readonly Dictionary<string, AttributeValue>? _attributes;
    private readonly AttributeValue _targetingKeyValue;

    public EvaluationContext(string? targetingKey, IEnumerable<KeyValuePair<string, AttributeValue>>? attributes = null)
    {
        Dictionary<string, AttributeValue>? copy = null;
        if (attributes is not null)
        {
            copy = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
            foreach (var (name, value) in attributes)
            {
                ArgumentNullException.ThrowIfNull(name, nameof(attributes));
                if (name == TargetingKeyName)
                {
                    throw new ArgumentException($"Pass the targeting key as {nameof(targetingKey)}, not as an attribute.", nameof(attributes));
                }
                if (!copy.TryAdd(name, value))
                {
                    throw new ArgumentException($"Attribute '{name}' is given more than once.", nameof(attributes));
                }
            }
        }
        this = new EvaluationContext(copy, targetingKey);
    }

    // Takes ownership of the dictionary (already checked and copied).
    private EvaluationContext(Dictionary<string, AttributeValue>? attributes, string? targetingKey)
    {
        TargetingKey = string.IsNullOrEmpty(targetingKey) ? null : targetingKey;
        TargetingKeyUtf8 = TargetingKey is null ? null : Encoding.UTF8.GetBytes(TargetingKey);
        _targetingKeyValue = TargetingKey is null ? default : AttributeValue.String(TargetingKey);
        _attributes = attributes is { Count: > 0 } ? attributes : null;
    }

    /// <summary>No targeting key and no attributes (same as <c>default</c>).</summary>
    public static EvaluationContext Empty => default;

    /// <summary>The key percentage rollouts and splits hash; null when the caller sent none (or an empty one).</summary>
    public string? TargetingKey { get; }

    /// <summary><see cref="TargetingKey"/> in UTF-8 (invalid UTF-16 as U+FFFD), encoded once for every bucket computed for this context.</summary>
    internal byte[]? TargetingKeyUtf8 { get; }

    /// <summary>The attributes (without the targeting key), as a read-only view.</summary>
    public IReadOnlyDictionary<string, AttributeValue> Attributes => _attributes?.AsReadOnly() ?? NoAttributes;

    /// <summary>The attribute <paramref name="name"/>; <c>targetingKey</c> answers with the targeting key as a string.</summary>
    public bool TryGetAttribute(string name, out AttributeValue value)
    {
        // The targeting key is never among the attributes: both constructors keep it apart.
        if (name == TargetingKeyName)
        {
            value = _targetingKeyValue;
            return TargetingKey is not null;
        }
        if (_attributes is not null)
        {
            return _attributes.TryGetValue(name, out value);
        }
        value = default;
        return false;
    }

    /// <summary>
    /// Reads an OFREP <c>context</c> object. A problem an application must fix (the context is not an
    /// object, <c>targetingKey</c> is not a string, a name appears twice, a number is out of range)
    /// comes back as <paramref name="problem"/>, a sentence for OFREP's INVALID_CONTEXT
    /// <c>errorDetails</c>; nothing throws. Null or absent (<see cref="JsonValueKind.Undefined"/>)
    /// means an empty context. Strings, finite numbers and booleans become attributes; an array of
    /// strings and numbers becomes a list (a number item keeps its JSON text, e.g. <c>"2"</c>); a
    /// <c>null</c>, an object or any other array is left out, so rules on it behave as for a missing
    /// attribute: OpenFeature SDKs may send structures that no rule can use, and that must not fail evaluation.
    /// </summary>
    public static bool TryFromJson(JsonElement json, out EvaluationContext context, [NotNullWhen(false)] out string? problem)
    {
        context = default;
        problem = null;
        if (json.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return true;
        }
        if (json.ValueKind != JsonValueKind.Object)
        {
            problem = "The context must be a JSON object.";
            return false;
        }

        string? targetingKey = null;
        var seenTargetingKey = false;
        Dictionary<string, AttributeValue>? attributes = null;
        foreach (var property in json.EnumerateObject())
        {
            if (property.NameEquals(TargetingKeyName))
            {
                if (seenTargetingKey)
                {
                    problem = "The context gives targetingKey more than once.";
                    return false;
                }
                seenTargetingKey = true;
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        targetingKey = property.Value.GetString();
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        problem = $"The context's targetingKey must be a string, not {Describe(property.Value.ValueKind)}.";
                        return false;
                }
                continue;
            }

            attributes ??= new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
            if (attributes.ContainsKey(property.Name))
            {
                problem = $"The context gives attribute '{property.Name}' more than once.";
                return false;
            }
            if (!TryRead(property, out var value, out var included, out problem))
            {
                return false;
            }
            if (included)
            {
                attributes.Add(property.Name, value);
            }
        }

        context = new EvaluationContext(attributes, targetingKey);
        return true;
    }

    private static bool TryRead(JsonProperty property, out AttributeValue value, out bool included, [NotNullWhen(false)] out string? problem)
    {
        var json = property.Value;
        value = default;
        included = true;
        problem = null;
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                value = AttributeValue.String(json.GetString()!);
                return true;
            case JsonValueKind.Number:
                if (!json.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    problem = $"The context attribute '{property.Name}' is a number out of range.";
                    return false;
                }
                value = AttributeValue.Number(number);
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                value = AttributeValue.Boolean(json.ValueKind == JsonValueKind.True);
                return true;
            case JsonValueKind.Array:
                var items = new string[json.GetArrayLength()];
                var i = 0;
                foreach (var item in json.EnumerateArray())
                {
                    switch (item.ValueKind)
                    {
                        case JsonValueKind.String:
                            items[i++] = item.GetString()!;
                            break;
                        case JsonValueKind.Number:
                            items[i++] = item.GetRawText();
                            break;
                        default:
                            included = false;
                            return true;
                    }
                }
                value = AttributeValue.OwnedList(items);
                return true;
            default:
                included = false;
                return true;
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
