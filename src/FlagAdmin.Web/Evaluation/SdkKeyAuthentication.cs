using FlagAdmin.Core.SdkKeys;
using Microsoft.Extensions.Primitives;

namespace FlagAdmin.Web.Evaluation;

/// <summary>Finds the SDK key an evaluation request carries: <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-API-Key: &lt;key&gt;</c>.</summary>
internal static class SdkKeyAuthentication
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The secret as sent, or null when the request carries none.</summary>
    public static string? SecretOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        if (!StringValues.IsNullOrEmpty(authorization))
        {
            var value = authorization.ToString();
            return value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? value[BearerPrefix.Length..].Trim() : null;
        }
        var apiKey = request.Headers["X-API-Key"];
        return StringValues.IsNullOrEmpty(apiKey) ? null : apiKey.ToString().Trim();
    }

    /// <summary>The key that may evaluate, or null: no key, an unknown key and a revoked key all answer 401.</summary>
    public static async ValueTask<SdkKey?> AuthenticateAsync(HttpContext context, SdkKeyCache keys)
    {
        var secret = SecretOf(context.Request);
        if (string.IsNullOrEmpty(secret) || secret.Length > 200)
        {
            return null;
        }
        var key = await keys.FindAsync(secret, context.RequestAborted);
        return key is { IsRevoked: false } ? key : null;
    }
}
