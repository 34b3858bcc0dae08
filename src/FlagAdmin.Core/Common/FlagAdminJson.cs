using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FlagAdmin.Core.Common;

/// <summary>The one JSON shape of domain objects: audit before/after, stored rules and variants, the memory journal.</summary>
public static class FlagAdminJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions(withVersions: true);

    /// <summary>
    /// For audit before/after: versions left out, because a database learns a row's new version only
    /// after the statement that also writes the audit entry, and both stores must record the same JSON;
    /// secret and password hashes left out, because the audit trail is read by everyone.
    /// </summary>
    public static readonly JsonSerializerOptions AuditOptions = CreateOptions(withVersions: false);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, found null.");

    private static JsonSerializerOptions CreateOptions(bool withVersions)
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        if (!withVersions)
        {
            resolver.Modifiers.Add(typeInfo =>
            {
                foreach (var property in typeInfo.Properties.Where(p => p.Name is "version" or "secretHash" or "passwordHash").ToList())
                {
                    typeInfo.Properties.Remove(property);
                }
            });
        }
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = resolver,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly();
        return options;
    }
}
