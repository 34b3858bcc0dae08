using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Serving;
using Microsoft.Net.Http.Headers;

namespace FlagAdmin.Web.Evaluation;

/// <summary>
/// The OpenFeature Remote Evaluation Protocol for applications: single and bulk evaluation from the
/// in-memory snapshot (never the database), authenticated by an SDK key that names one environment.
/// Items carry lean metadata unless the query asks for <c>metadata=full</c>; bulk answers are compressed
/// when the request accepts it, and validated by ETag.
/// </summary>
public static class EvaluationEndpoints
{
    public const string ChangeStreamPath = "/ofrep/v1/events";
    private const string JsonContentType = "application/json";

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
            await WriteAsync(http, StatusCodes.Status400BadRequest, OfrepResponses.Failure(key, request.Error, request.Problem));
            return;
        }
        var result = ServedEvaluation.Of(snapshot, key, request.Context);
        await WriteAsync(http, OfrepResponses.StatusOf(result), OfrepResponses.Item(result, request.Metadata));
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
            await WriteAsync(http, StatusCodes.Status400BadRequest, OfrepResponses.Failure(null, request.Error, request.Problem));
            return;
        }
        var coding = ResponseEncoding.Choose(http.Request);
        var etag = BulkEtag.For(snapshot, request.Body.Span, request.Metadata, coding);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (BulkEtag.Matches(http.Request.Headers.IfNoneMatch, etag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        using var body = new PooledBuffer(BulkSizeHint(snapshot));
        OfrepResponses.WriteBulk(body, snapshot, request.Context, request.Metadata);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = JsonContentType;
        await ResponseEncoding.WriteAsync(http.Response, coding, body.WrittenMemory, http.RequestAborted);
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

    private static Task WriteAsync(HttpContext http, int status, ReadOnlyMemory<byte> body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = JsonContentType;
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    // Lean items are about 110 bytes; a first guess that is rarely outgrown.
    private static int BulkSizeHint(EnvironmentSnapshot snapshot) => 256 + snapshot.Count * 128;
}
