using System.Buffers;
using System.Text.Json;
using FlagAdmin.Core.Evaluation;

namespace FlagAdmin.Web.Evaluation;

/// <summary>
/// Reads an OFREP request body (<c>{"context": {...}}</c>) into an <see cref="EvaluationContext"/>. Every
/// problem becomes an OFREP error code and a sentence, never an exception: malformed JSON, a body over the
/// limit and unknown fields are PARSE_ERROR; a context of the wrong shape is INVALID_CONTEXT.
/// </summary>
internal static class OfrepRequest
{
    public const int MaxBodyBytes = 64 * 1024;
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 16 };

    public readonly record struct Parsed(EvaluationContext Context, ReadOnlyMemory<byte> Body, EvaluationErrorCode Error, string? Problem)
    {
        public bool IsValid => Error == EvaluationErrorCode.None;
    }

    public static async Task<Parsed> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return Failed(EvaluationErrorCode.ParseError, $"The request body is larger than {MaxBodyBytes / 1024} KB.");
        }
        var body = await ReadBodyAsync(request);
        if (body is null)
        {
            return Failed(EvaluationErrorCode.ParseError, $"The request body is larger than {MaxBodyBytes / 1024} KB.");
        }
        if (body.Length == 0)
        {
            return new Parsed(EvaluationContext.Empty, ReadOnlyMemory<byte>.Empty, EvaluationErrorCode.None, null);
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
            if (!EvaluationContext.TryFromJson(contextJson, out var context, out var problem))
            {
                return Failed(EvaluationErrorCode.InvalidContext, problem);
            }
            // The body holds nothing but the context, so its bytes stand for the context in the bulk ETag.
            return new Parsed(context, body, EvaluationErrorCode.None, null);
        }
        catch (JsonException e)
        {
            return Failed(EvaluationErrorCode.ParseError, $"The request body is not valid JSON: {e.Message}");
        }
    }

    private static Parsed Failed(EvaluationErrorCode code, string problem) => new(EvaluationContext.Empty, default, code, problem);

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
