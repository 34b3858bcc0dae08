using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using FlagAdmin.Core.Evaluation;

namespace FlagAdmin.Web.Evaluation;

/// <summary>
/// Reads an OFREP request body (<c>{"context": {...}}</c>) into an <see cref="EvaluationContext"/>, and the query
/// option <c>metadata=full</c> (or <c>lean</c>, the default). Every problem becomes an OFREP error code and a
/// sentence, never an exception: malformed JSON, a body over the limit, unknown fields and an unknown metadata
/// option are PARSE_ERROR; a context of the wrong shape is INVALID_CONTEXT. Other query parameters are ignored
/// (providers add their own, such as <c>flagConfigEtag</c>).
/// </summary>
internal static class OfrepRequest
{
    public const int MaxBodyBytes = 64 * 1024;
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 16 };

    public const string MetadataOption = "metadata";

    /// <summary>A request as received: its body (not yet parsed) and the metadata option, or why it is refused already.</summary>
    public readonly record struct Received(ReadOnlyMemory<byte> Body, MetadataDetail Metadata, EvaluationErrorCode Error, string? Problem)
    {
        public bool IsValid => Error == EvaluationErrorCode.None;
    }

    public readonly record struct Parsed(EvaluationContext Context, EvaluationErrorCode Error, string? Problem)
    {
        public bool IsValid => Error == EvaluationErrorCode.None;
    }

    public static async Task<Received> ReadAsync(HttpRequest request)
    {
        if (!TryReadMetadataOption(request, out var metadata, out var optionProblem))
        {
            return new Received(default, metadata, EvaluationErrorCode.ParseError, optionProblem);
        }
        var body = request.ContentLength > MaxBodyBytes ? null : await ReadBodyAsync(request);
        return body is null
            ? new Received(default, metadata, EvaluationErrorCode.ParseError, $"The request body is larger than {MaxBodyBytes / 1024} KB.")
            : new Received(body, metadata, EvaluationErrorCode.None, null);
    }

    /// <summary>The context a body holds. The body holds nothing else, so its bytes stand for the context (the bulk ETag hashes them).</summary>
    public static Parsed Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return new Parsed(EvaluationContext.Empty, EvaluationErrorCode.None, null);
        }
        try
        {
            using var document = JsonDocument.Parse(body, ParseOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Failed(EvaluationErrorCode.ParseError, "The request body must be a JSON object such as {\"context\": {\"targetingKey\": \"user-1\"}}.");
            }
            var contextJson = default(JsonElement);
            foreach (var property in root.EnumerateObject())
            {
                if (!property.NameEquals("context"))
                {
                    return Failed(EvaluationErrorCode.ParseError, $"Unknown field '{property.Name}'; the request body may only hold \"context\".");
                }
                contextJson = property.Value;
            }
            return EvaluationContext.TryFromJson(contextJson, out var context, out var problem)
                ? new Parsed(context, EvaluationErrorCode.None, null)
                : Failed(EvaluationErrorCode.InvalidContext, problem);
        }
        catch (JsonException e)
        {
            return Failed(EvaluationErrorCode.ParseError, $"The request body is not valid JSON: {e.Message}");
        }
    }

    private static Parsed Failed(EvaluationErrorCode code, string problem) => new(EvaluationContext.Empty, code, problem);

    private static bool TryReadMetadataOption(HttpRequest request, out MetadataDetail metadata, [NotNullWhen(false)] out string? problem)
    {
        (metadata, problem) = (MetadataDetail.Lean, null);
        if (!request.QueryString.HasValue)
        {
            return true;
        }
        var values = request.Query[MetadataOption];
        switch (values.Count == 1 ? values[0] : values.Count == 0 ? "lean" : null)
        {
            case "lean":
                return true;
            case "full":
                metadata = MetadataDetail.Full;
                return true;
            default:
                problem = $"The query option '{MetadataOption}' must be 'full' (all of a flag's metadata) or 'lean' (the default), given once; it was '{values}'.";
                return false;
        }
    }

    /// <summary>The whole body, or null when it exceeds the limit (a chunked body has no Content-Length to check up front).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= MaxBodyBytes)
                    {
                        return null;
                    }
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted);
                if (read == 0)
                {
                    return length > MaxBodyBytes ? null : buffer.AsSpan(0, length).ToArray();
                }
                length += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
