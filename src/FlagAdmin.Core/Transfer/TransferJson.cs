using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlagAdmin.Core.Transfer;

/// <summary>
/// The JSON form of <see cref="ProjectDocument"/>: camelCase names and enum values, indented, and read strictly
/// (unknown or missing properties, nulls and wrong types are errors), so a damaged file is refused whole.
/// </summary>
public static class TransferJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static string Write(ProjectDocument document) => JsonSerializer.Serialize(document, Options);

    /// <summary>Parses a document; <see cref="JsonException"/> (with the path of the problem) when it is not one.</summary>
    public static ProjectDocument Read(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ProjectDocument>(json, Options) ?? throw new JsonException("The document is null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            PropertyNameCaseInsensitive = false,
            MaxDepth = 64,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
