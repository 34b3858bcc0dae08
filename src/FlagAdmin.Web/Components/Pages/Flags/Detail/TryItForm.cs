using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlagAdmin.Core.Evaluation;
using Microsoft.AspNetCore.Http;

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
    public List<(string Name, string Value)> Attributes { get; set; } = [("", "")];
    public string Json { get; set; } = "";

    public static TryItForm Parse(IFormCollection form)
    {
        var count = int.TryParse(form["attributeCount"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, MaxRows) : 0;
        return new TryItForm
        {
            Environment = form["environment"].ToString(),
            Source = form["source"] == Served ? Served : Stored,
            TargetingKey = form["targetingKey"].ToString(),
            Attributes = Enumerable.Range(0, count).Select(i => (form[$"attributes[{i}].name"].ToString(), form[$"attributes[{i}].value"].ToString())).ToList(),
            Json = form["json"].ToString(),
        };
    }

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
        foreach (var (name, value) in Attributes)
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                merged[name.Trim()] = ReadValue(value);
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
