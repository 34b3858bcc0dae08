using System.Text.Json;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Serving;

namespace FlagAdmin.Web.Evaluation;

/// <summary>
/// The OpenFeature Remote Evaluation Protocol for applications: single and bulk evaluation from the
/// in-memory snapshot (never the database), authenticated by an SDK key that names one environment.
/// </summary>
public static class EvaluationEndpoints
{
    public const string ChangeStreamPath = "/ofrep/v1/events";

    public static IEndpointRouteBuilder MapEvaluationApi(this IEndpointRouteBuilder app)
    {
        var ofrep = app.MapGroup("/ofrep/v1").RequireRateLimiting(EvaluationRateLimit.PolicyName);
        ofrep.MapPost("/evaluate/flags/{key}", EvaluateOneAsync).ExcludeFromDescription();
        ofrep.MapPost("/evaluate/flags", EvaluateAllAsync).ExcludeFromDescription();
        ofrep.MapGet("/events", FlagChangeStream.StreamAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task EvaluateOneAsync(HttpContext http, string key, SdkKeyCache keys, FlagSnapshotStore snapshots)
    {
        var snapshot = await AuthorizeAsync(http, keys, snapshots);
        if (snapshot is null)
        {
            return;
        }
        var request = await OfrepRequest.ReadAsync(http.Request);
        if (!request.IsValid)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, w => OfrepResponses.WriteFailure(w, key, request.Error, request.Problem));
            return;
        }
        var result = FlagEvaluator.Evaluate(snapshot, key, request.Context);
        await WriteAsync(http, OfrepResponses.StatusOf(result), w => OfrepResponses.WriteResult(w, result));
    }

    private static async Task EvaluateAllAsync(HttpContext http, SdkKeyCache keys, FlagSnapshotStore snapshots)
    {
        var snapshot = await AuthorizeAsync(http, keys, snapshots);
        if (snapshot is null)
        {
            return;
        }
        var request = await OfrepRequest.ReadAsync(http.Request);
        if (!request.IsValid)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, w => OfrepResponses.WriteFailure(w, null, request.Error, request.Problem));
            return;
        }
        var etag = BulkEtag.For(snapshot, request.Body.Span);
        http.Response.Headers.ETag = etag;
        if (BulkEtag.Matches(http.Request.Headers.IfNoneMatch, etag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        await WriteAsync(http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("flags");
            foreach (var flag in snapshot.Flags)
            {
                if (!flag.IsArchived)
                {
                    OfrepResponses.WriteResult(writer, FlagEvaluator.Evaluate(flag, request.Context));
                }
            }
            writer.WriteEndArray();
            writer.WriteStartArray("eventStreams");
            writer.WriteStartObject();
            writer.WriteString("type", "sse");
            writer.WriteStartObject("endpoint");
            writer.WriteString("requestUri", ChangeStreamPath);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>The snapshot the request's SDK key may read; otherwise writes 401 (no, unknown or revoked key) and returns null.</summary>
    internal static async ValueTask<EnvironmentSnapshot?> AuthorizeAsync(HttpContext http, SdkKeyCache keys, FlagSnapshotStore snapshots)
    {
        var key = await SdkKeyAuthentication.AuthenticateAsync(http, keys);
        if (key is null)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Bearer";
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

    private static async Task WriteAsync(HttpContext http, int status, Action<Utf8JsonWriter> write)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            write(writer);
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }
}
