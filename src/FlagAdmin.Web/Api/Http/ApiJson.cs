using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlagAdmin.Web.Api.Http;

/// <summary>
/// How the admin API reads request bodies: camelCase names, strict about unknown properties, missing required
/// properties, nulls where the type has none, and numbers or strings in the wrong place, so a typo never
/// passes silently as "unchanged".
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
            MaxDepth = 32,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>Enums travel as camelCase strings ("multivariate", "semVerLessThan", "editor"), never as numbers.</summary>
public sealed class CamelCaseEnum<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where T : struct, Enum;
