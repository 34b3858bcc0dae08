using System.Text.Json;

namespace FlagAdmin.Core.Common;

/// <summary>JSON values typed by people: parsed once, stored as compact text.</summary>
public static class JsonText
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32 };

    /// <summary>The compact form of <paramref name="json"/>, or null with a message when it is not one valid JSON value.</summary>
    public static string? TryCompact(string json, out JsonValueKind kind, out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(json, ParseOptions);
            // PostgreSQL's jsonb cannot hold U+0000 (see StoredText).
            if (HasNul(document.RootElement))
            {
                kind = JsonValueKind.Undefined;
                problem = "contains the NUL character (\\u0000), which cannot be stored";
                return null;
            }
            kind = document.RootElement.ValueKind;
            problem = null;
            return JsonSerializer.Serialize(document.RootElement, FlagAdminJson.Options);
        }
        catch (JsonException e)
        {
            kind = JsonValueKind.Undefined;
            problem = $"is not valid JSON ({FirstSentence(e.Message)})";
            return null;
        }
    }

    private static bool HasNul(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!.Contains('\0'),
        JsonValueKind.Object => element.EnumerateObject().Any(p => p.Name.Contains('\0') || HasNul(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(HasNul),
        _ => false,
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
