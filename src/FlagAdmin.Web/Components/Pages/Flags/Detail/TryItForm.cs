using System.Text.Json;
using System.Text.Json.Nodes;
using FlagAdmin.Core.Evaluation;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>
/// The "try it" box as typed: an environment, a targeting key, attribute rows and/or a JSON object. Turned into
/// the same JSON context an OFREP request carries and read by <see cref="EvaluationContext.TryFromJson"/>, so
/// the box judges a context exactly as the evaluation API would.
/// </summary>
public sealed class TryItForm
{
    public const string Stored = "stored";
    public const string Served = "served";
    public const int MaxRows = 50;

    public string Environment { get; set; } = "";

    /// <summary><see cref="Stored"/>: the state in the database now; <see cref="Served"/>: the snapshot applications are served from.</summary>
    public string Source { get; set; } = Stored;

    public string TargetingKey { get; set; } = "";
    public List<TryItAttribute> Attributes { get; set; } = [new()];
    public string Json { get; set; } = "";

    /// <summary>
    /// The context, or a sentence saying what to fix. A row's value is read as JSON when it is a JSON number,
    /// boolean, array or quoted string (42, true, ["a","b"], "42"), otherwise as plain text; rows win over the JSON box.
    /// </summary>
    public bool TryBuildContext(out EvaluationContext context, out string? problem)
    {
        context = default;
        problem = null;
        JsonObject merged;
        try
        {
            merged = string.IsNullOrWhiteSpace(Json) ? [] : JsonNode.Parse(Json) as JsonObject
                ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            problem = "The attributes JSON must be one object, such as {\"country\": \"DE\", \"age\": 42}.";
            return false;
        }
        foreach (var attribute in Attributes)
        {
            if (!string.IsNullOrWhiteSpace(attribute.Name))
            {
                merged[attribute.Name.Trim()] = ReadValue(attribute.Value);
            }
        }
        if (!string.IsNullOrEmpty(TargetingKey))
        {
            merged[EvaluationContext.TargetingKeyName] = TargetingKey;
        }
        using var document = JsonDocument.Parse(merged.ToJsonString());
        if (!EvaluationContext.TryFromJson(document.RootElement, out context, out var contextProblem))
        {
            problem = contextProblem;
            return false;
        }
        return true;
    }

    private static JsonNode? ReadValue(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is { } node && node.GetValueKind() is not JsonValueKind.Object)
            {
                return node;
            }
        }
        catch (JsonException)
        {
        }
        return JsonValue.Create(text);
    }
}

/// <summary>One attribute row of the box: a name and a value as typed.</summary>
public sealed class TryItAttribute
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>What an evaluation served, in OFREP's words.</summary>
public sealed record TryItResult(string? Value, string? Variant, string Reason, string? ErrorCode, string? ErrorDetails)
{
    public static TryItResult From(in EvaluationResult result) => new(
        result.ValueJson,
        result.VariantKey,
        EvaluationNames.Of(result.Reason),
        result.IsError ? EvaluationNames.Of(result.ErrorCode) : null,
        result.ErrorDetails);
}
