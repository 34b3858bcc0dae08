using System.Globalization;
using System.Text;
using System.Text.Json;
using FlagAdmin.Core.Common;

namespace FlagAdmin.Web.Components.Audit;

/// <summary>
/// How the fields of audited objects (flags, flag states, projects, environments, SDK keys, users) read in the
/// audit trail: their labels and their values in words. Field names are the camelCase JSON names of the domain
/// records; a field not listed here still shows, labelled from its name.
/// </summary>
internal static class AuditFields
{
    // Bookkeeping, or shown in the entry's own columns (project, environment, flag, who, when).
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "projectKey", "flagKey", "environmentKey", "createdBy", "createdAt", "updatedBy", "updatedAt",
        "version", "rolloutPercent", "secretHash", "passwordHash", "failedSignIns", "lockedUntil", "lastSignInAt",
    };

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["enabled"] = "Enabled",
        ["rolloutBasisPoints"] = "Rollout",
        ["onVariant"] = "Served when on",
        ["offVariant"] = "Served when off",
        ["rules"] = "Targeting rules",
        ["config"] = "Config value",
        ["variantType"] = "Value type",
        ["requireReasonInProtectedEnvironments"] = "Reason required in protected environments",
        ["isActive"] = "Active",
        ["displayName"] = "Display name",
        ["revokedAt"] = "Revoked at",
        ["revokedBy"] = "Revoked by",
        ["expiresAt"] = "Expires at",
        ["id"] = "Id",
    };

    public static bool IsShown(string name) => !Hidden.Contains(name);

    public static string Label(string name) => Labels.TryGetValue(name, out var label) ? label : Words(name);

    /// <summary>The whole value in words; lists joined with "; ". Absent or null reads "none".</summary>
    public static string Format(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => "none",
        JsonValueKind.Array => value.GetArrayLength() == 0 ? "none" : string.Join("; ", Items(name, value)),
        JsonValueKind.True or JsonValueKind.False when name == "enabled" => value.GetBoolean() ? "on" : "off",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Number when name == "rolloutBasisPoints" && value.TryGetInt32(out var basisPoints) => Percent(basisPoints),
        JsonValueKind.String when name.EndsWith("At", StringComparison.Ordinal) && value.TryGetDateTimeOffset(out var at) => Time(at),
        JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : "(empty)",
        _ => value.GetRawText(),
    };

    /// <summary>Each item of a list field as one phrase: a rule as a sentence, a variant as key = value, a tag as itself.</summary>
    public static IReadOnlyList<string> Items(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return value.EnumerateArray().Select(item => name switch
        {
            "rules" => Rule(item),
            "variants" => Variant(item),
            _ => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText(),
        }).ToList();
    }

    public static string Percent(int basisPoints) => Percentage.Format(basisPoints) + " %";

    private static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Variant(JsonElement variant) =>
        $"{Text(variant, "key")} = {Text(variant, "value")}";

    /// <summary>"Beta: country is one of DE, AT and plan is pro → serve premium", or "everyone → split …".</summary>
    private static string Rule(JsonElement rule)
    {
        var text = new StringBuilder();
        if (rule.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } named)
        {
            text.Append(named).Append(": ");
        }
        var conditions = rule.TryGetProperty("conditions", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(Condition).ToList()
            : [];
        text.Append(conditions.Count == 0 ? "everyone" : string.Join(" and ", conditions));
        text.Append(" → ");
        if (rule.TryGetProperty("split", out var split) && split.ValueKind == JsonValueKind.Array && split.GetArrayLength() > 0)
        {
            text.Append("split ").Append(string.Join(", ", split.EnumerateArray().Select(share =>
                $"{Text(share, "variant")} {(share.TryGetProperty("weight", out var weight) && weight.TryGetInt32(out var w) ? Percent(w) : "?")}")));
        }
        else
        {
            text.Append("serve ").Append(Text(rule, "variant"));
        }
        return text.ToString();
    }

    private static string Condition(JsonElement condition)
    {
        var values = condition.TryGetProperty("values", out var list) && list.ValueKind == JsonValueKind.Array
            ? string.Join(", ", list.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()))
            : "";
        return $"{Text(condition, "attribute")} {Operator(Text(condition, "operator"))} {values}";
    }

    private static string Operator(string name) => name switch
    {
        "equals" => "is",
        "not_equals" => "is not",
        "in" => "is one of",
        "not_in" => "is none of",
        "less_than" => "<",
        "less_than_or_equal" => "≤",
        "greater_than" => ">",
        "greater_than_or_equal" => "≥",
        "sem_ver_equals" => "is version",
        "sem_ver_less_than" => "is a version below",
        "sem_ver_greater_than" => "is a version above",
        "before" => "is before",
        "after" => "is after",
        _ => name.Replace('_', ' '),
    };

    private static string Text(JsonElement value, string property) =>
        value.TryGetProperty(property, out var text)
            ? text.ValueKind == JsonValueKind.String ? text.GetString()! : text.GetRawText()
            : "?";

    /// <summary>"requireSomething" → "Require something".</summary>
    private static string Words(string camelCase)
    {
        var text = new StringBuilder();
        foreach (var c in camelCase)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(text.Length == 0 ? char.ToUpperInvariant(c) : c);
            }
        }
        return text.ToString();
    }
}
