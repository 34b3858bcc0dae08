using System.Text.Json;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Web.Components.Pages.Flags;

/// <summary>
/// Variant values as a person types them: a string variant as its text ("blue"), every other type as its JSON
/// (42, true, {"a":1}). Stored values are always JSON.
/// </summary>
public static class VariantValueText
{
    public static string ToJson(string? typed, VariantType type) =>
        type == VariantType.String ? JsonSerializer.Serialize(typed ?? "") : typed?.Trim() ?? "";

    public static string ToTyped(string json, VariantType type)
    {
        if (type != VariantType.String)
        {
            return json;
        }
        try
        {
            return JsonSerializer.Deserialize<string>(json) ?? "";
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
