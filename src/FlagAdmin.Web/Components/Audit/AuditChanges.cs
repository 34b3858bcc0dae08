using System.Text.Json;

namespace FlagAdmin.Web.Components.Audit;

public enum AuditChangeKind
{
    /// <summary>Nothing before, something after.</summary>
    Created,

    /// <summary>Something before, nothing after.</summary>
    Deleted,

    Changed,

    /// <summary>Neither side could be read as a JSON object; only the raw text can be shown.</summary>
    Unreadable,
}

/// <summary>One field of an audited object, in words: "Rollout", "10 %", "12.5 %". Lists also say item by item what changed.</summary>
public sealed record FieldDifference(string Field, string? Before, string? After)
{
    public IReadOnlyList<ItemDifference> Items { get; init; } = [];
}

public enum ItemChange
{
    Added,
    Removed,
    Changed,
    Reordered,
}

/// <summary>One item of a list field (a targeting rule, a variant, a tag); <see cref="Position"/> counts from 1.</summary>
public sealed record ItemDifference(ItemChange Change, string? Before, string? After, int Position);

/// <summary>
/// The readable difference between the before and after JSON of an audit entry: the fields a person cares
/// about, labelled and formatted (percentages, on/off, rules as sentences), bookkeeping fields left out.
/// </summary>
public sealed record AuditChanges(AuditChangeKind Kind, IReadOnlyList<FieldDifference> Fields)
{
    public static AuditChanges Between(string? beforeJson, string? afterJson)
    {
        var before = TryParseObject(beforeJson);
        var after = TryParseObject(afterJson);
        if ((beforeJson is not null && before is null) || (afterJson is not null && after is null) || (before is null && after is null))
        {
            return new AuditChanges(AuditChangeKind.Unreadable, []);
        }
        if (before is null)
        {
            return new AuditChanges(AuditChangeKind.Created, Describe(after!.Value, created: true));
        }
        if (after is null)
        {
            return new AuditChanges(AuditChangeKind.Deleted, Describe(before.Value, created: false));
        }
        return new AuditChanges(AuditChangeKind.Changed, Compare(before.Value, after.Value));
    }

    /// <summary>Every shown, non-empty field: as the after value of a creation, the before value of a deletion.</summary>
    private static List<FieldDifference> Describe(JsonElement value, bool created)
    {
        var fields = new List<FieldDifference>();
        foreach (var property in value.EnumerateObject())
        {
            if (AuditFields.IsShown(property.Name) && !IsEmpty(property.Value))
            {
                var text = AuditFields.Format(property.Name, property.Value);
                fields.Add(new FieldDifference(AuditFields.Label(property.Name), created ? null : text, created ? text : null));
            }
        }
        return fields;
    }

    private static List<FieldDifference> Compare(JsonElement before, JsonElement after)
    {
        var fields = new List<FieldDifference>();
        var names = after.EnumerateObject().Select(p => p.Name)
            .Concat(before.EnumerateObject().Select(p => p.Name))
            .Distinct(StringComparer.Ordinal);
        foreach (var name in names.Where(AuditFields.IsShown))
        {
            var old = Property(before, name);
            var now = Property(after, name);
            if (SameValue(old, now))
            {
                continue;
            }
            var difference = new FieldDifference(AuditFields.Label(name), AuditFields.Format(name, old), AuditFields.Format(name, now));
            if (old.ValueKind is JsonValueKind.Array or JsonValueKind.Undefined && now.ValueKind is JsonValueKind.Array or JsonValueKind.Undefined)
            {
                difference = difference with { Items = ListDifference(AuditFields.Items(name, old), AuditFields.Items(name, now)) };
            }
            fields.Add(difference);
        }
        return fields;
    }

    /// <summary>
    /// Same items in another order: one "reordered" line with the new order. Same count: the positions that
    /// differ, each as before → after. Otherwise what was added and what was removed.
    /// </summary>
    private static List<ItemDifference> ListDifference(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var differences = new List<ItemDifference>();
        if (before.Order(StringComparer.Ordinal).SequenceEqual(after.Order(StringComparer.Ordinal)))
        {
            differences.Add(new ItemDifference(ItemChange.Reordered, string.Join("; ", before), string.Join("; ", after), 1));
            return differences;
        }
        if (before.Count == after.Count)
        {
            for (var i = 0; i < before.Count; i++)
            {
                if (before[i] != after[i])
                {
                    differences.Add(new ItemDifference(ItemChange.Changed, before[i], after[i], i + 1));
                }
            }
            return differences;
        }
        var remaining = after.ToList();
        for (var i = 0; i < before.Count; i++)
        {
            if (!remaining.Remove(before[i]))
            {
                differences.Add(new ItemDifference(ItemChange.Removed, before[i], null, i + 1));
            }
        }
        var kept = before.ToList();
        for (var i = 0; i < after.Count; i++)
        {
            if (!kept.Remove(after[i]))
            {
                differences.Add(new ItemDifference(ItemChange.Added, null, after[i], i + 1));
            }
        }
        return differences;
    }

    // A field absent on one side (null values are not written) is Undefined, which DeepEquals refuses to compare.
    private static bool SameValue(JsonElement old, JsonElement now) =>
        old.ValueKind == JsonValueKind.Undefined || now.ValueKind == JsonValueKind.Undefined
            ? old.ValueKind == now.ValueKind
            : JsonElement.DeepEquals(old, now);

    private static JsonElement Property(JsonElement value, string name) =>
        value.TryGetProperty(name, out var property) ? property : default;

    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.String => value.GetString()!.Length == 0,
        _ => false,
    };

    /// <summary>The JSON object an audit entry's before or after holds, or null when there is none or it is not an object.</summary>
    internal static JsonElement? TryParseObject(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
