using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Serving;
using FlagAdmin.Web.Api.Http;

namespace FlagAdmin.Web.Evaluation;

/// <summary>Who may evaluate what: the request's SDK key, its environment's snapshot and the key's rate limit.</summary>
internal sealed class EvaluationAccess(SdkKeyCache keys, FlagSnapshotStore snapshots, EvaluationRateLimit limit)
{
    /// <summary>
    /// The snapshot the request's SDK key may read. Otherwise writes the status and returns null: 401 for no,
    /// an unknown or a revoked key, 429 past the key's rate, 403 when its environment is gone, 503 before flags are
    /// loaded, and 503 with a problem and <c>Retry-After</c> when a key not yet cached cannot be looked up because
    /// the database is down (cached keys keep evaluating); any other store failure is the admin API's problem for it
    /// (<see cref="ApiProblems.For"/>).
    /// </summary>
    public async ValueTask<EnvironmentSnapshot?> AuthorizeAsync(HttpContext http)
    {
        SdkKey? key;
        try
        {
            key = await SdkKeyAuthentication.AuthenticateAsync(http, keys);
        }
        catch (StoreUnavailableException)
        {
            http.Response.Headers.RetryAfter = ApiProblems.RetryAfterSeconds;
            await ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "The database is unavailable.",
                "FlagAdmin cannot check this SDK key while its database is unreachable; keys it has already seen keep working. Try again shortly.")
                .ExecuteAsync(http);
            return null;
        }
        catch (StoreException e)
        {
            await ApiProblems.For(e, http).ExecuteAsync(http);
            return null;
        }
        if (key is null)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return null;
        }
        if (!limit.TryAcquire(key, http.Response))
        {
            return null;
        }
        var snapshot = snapshots.Find(key.ProjectKey, key.EnvironmentKey);
        if (snapshot is null)
        {
            // The key is valid but its environment is gone, or not loaded yet.
            http.Response.StatusCode = snapshots.IsLoaded ? StatusCodes.Status403Forbidden : StatusCodes.Status503ServiceUnavailable;
            return null;
        }
        return snapshot;
    }
}
