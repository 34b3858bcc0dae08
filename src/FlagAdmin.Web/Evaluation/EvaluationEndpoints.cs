using FlagAdmin.Core.Evaluation;
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
        var ofrep = app.MapGroup("/ofrep/v1");
        ofrep.MapPost("/evaluate/flags/{key}", EvaluateOneAsync).ExcludeFromDescription();
        ofrep.MapPost("/evaluate/flags", EvaluateAllAsync).ExcludeFromDescription();
        ofrep.MapGet("/events", FlagChangeStream.StreamAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task EvaluateOneAsync(HttpContext http, string key, EvaluationAccess access, EvaluationTelemetry telemetry)
    {
        var start = telemetry.Start();
        var snapshot = await access.AuthorizeAsync(http);
        if (snapshot is null)
        {
            return;
        }
        var request = await OfrepRequest.ReadAsync(http.Request);
        var parsed = request.IsValid ? OfrepRequest.Parse(request.Body) : default;
        if (!request.IsValid || !parsed.IsValid)
        {
            await WriteFailureAsync(http, key, request, parsed);
            return;
        }
        var result = ServedEvaluation.Of(snapshot, key, parsed.Context, telemetry);
        await WriteAsync(http, OfrepResponses.StatusOf(result), OfrepResponses.Item(result, request.Metadata));
        telemetry.SingleServed(start);
    }

    private static async Task EvaluateAllAsync(HttpContext http, EvaluationAccess access, EvaluationTelemetry telemetry)
    {
        var start = telemetry.Start();
        var snapshot = await access.AuthorizeAsync(http);
        if (snapshot is null)
        {
            return;
        }
        var request = await OfrepRequest.ReadAsync(http.Request);
        if (!request.IsValid)
        {
            await WriteFailureAsync(http, null, request, default);
            return;
        }
        var coding = ResponseEncoding.Choose(http.Request);
        var etag = BulkEtag.For(snapshot, request.Body.Span, request.Metadata, coding);
        var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        // A listed ETag is confirmed before parsing: the same bytes were a valid context when it was given out.
        if (BulkEtag.IsListed(ifNoneMatch, etag))
        {
            NotModified(http.Response, etag);
            return;
        }
        var parsed = OfrepRequest.Parse(request.Body);
        if (!parsed.IsValid)
        {
            await WriteFailureAsync(http, null, request, parsed);
            return;
        }
        if (BulkEtag.IsWildcard(ifNoneMatch))
        {
            NotModified(http.Response, etag);
            return;
        }
        using var body = new PooledBuffer(BulkSizeHint(snapshot));
        OfrepResponses.WriteBulk(body, snapshot, parsed.Context, request.Metadata, telemetry);
        SetValidators(http.Response, etag);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = JsonContentType;
        await ResponseEncoding.WriteAsync(http.Response, coding, body.WrittenMemory, http.RequestAborted);
        telemetry.BulkServed(start, snapshot.ActiveFlags.Length);
    }

    private static void NotModified(HttpResponse response, string etag)
    {
        SetValidators(response, etag);
        response.StatusCode = StatusCodes.Status304NotModified;
    }

    private static void SetValidators(HttpResponse response, string etag)
    {
        response.Headers.ETag = etag;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
    }

    private static Task WriteFailureAsync(HttpContext http, string? key, in OfrepRequest.Received request, in OfrepRequest.Parsed parsed) =>
        WriteAsync(http, StatusCodes.Status400BadRequest, request.IsValid
            ? OfrepResponses.Failure(key, parsed.Error, parsed.Problem)
            : OfrepResponses.Failure(key, request.Error, request.Problem));

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
