using FlagAdmin.Core.SdkKeys;
using Microsoft.AspNetCore.Connections.Features;
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

    /// <summary>
    /// The key that may evaluate, or null: no key, an unknown key and a revoked key all answer 401. The key found
    /// is remembered for the connection, so the requests that follow on it with the same secret skip hashing it,
    /// until the cache forgets anything (a key created or revoked), which makes them look it up again.
    /// </summary>
    public static async ValueTask<SdkKey?> AuthenticateAsync(HttpContext context, SdkKeyCache keys)
    {
        var secret = SecretOf(context.Request);
        if (string.IsNullOrEmpty(secret) || secret.Length > 200)
        {
            return null;
        }
        var connection = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (connection?.TryGetValue(typeof(ConnectionKey), out var remembered) == true
            && remembered is ConnectionKey last && last.Generation == keys.Generation && last.Secret == secret)
        {
            return last.Key;
        }
        var generation = keys.Generation;
        var key = await keys.FindAsync(secret, context.RequestAborted);
        var usable = key is { IsRevoked: false } ? key : null;
        if (connection is not null && usable is not null)
        {
            connection[typeof(ConnectionKey)] = new ConnectionKey(secret, usable, generation);
        }
        return usable;
    }

    private sealed record ConnectionKey(string Secret, SdkKey Key, long Generation);
}
