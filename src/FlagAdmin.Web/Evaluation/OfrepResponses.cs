using System.Text.Json;
using FlagAdmin.Core.Evaluation;

namespace FlagAdmin.Web.Evaluation;

/// <summary>
/// OFREP response bodies. An item comes from the flag's <see cref="PreparedResults"/> when it has lean metadata,
/// otherwise from <see cref="OfrepJson"/>; either way the bytes are the same.
/// </summary>
internal static class OfrepResponses
{
    // The change stream, OFREP's eventStreams entry: applications re-run their bulk evaluation when told to.
    private static readonly byte[] EventStreams =
        JsonSerializer.SerializeToUtf8Bytes(new[] { new { type = "sse", endpoint = new { requestUri = EvaluationEndpoints.ChangeStreamPath } } });

    private static readonly JsonWriterOptions Compact = new() { SkipValidation = true };

    /// <summary>One evaluation: the prepared item as it is, or one written now.</summary>
    public static ReadOnlyMemory<byte> Item(in EvaluationResult result, MetadataDetail metadata)
    {
        if (metadata == MetadataDetail.Lean && result.Flag?.Prepared.Find(result) is { } prepared)
        {
            return prepared;
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            OfrepJson.WriteResult(writer, result, metadata);
        }
        return buffer.WrittenMemory;
    }

    /// <summary>
    /// <c>{"flags": [...], "eventStreams": [...]}</c> with every active flag of <paramref name="snapshot"/>
    /// evaluated for <paramref name="context"/>, written into <paramref name="body"/>.
    /// </summary>
    public static void WriteBulk(PooledBuffer body, EnvironmentSnapshot snapshot, in EvaluationContext context, MetadataDetail metadata, EvaluationTelemetry telemetry)
    {
        using var writer = new Utf8JsonWriter(body, Compact);
        writer.WriteStartObject();
        writer.WriteStartArray("flags");
        var counters = telemetry.CountersOf(snapshot);
        var active = snapshot.ActiveFlags;
        for (var i = 0; i < active.Length; i++)
        {
            var flag = active[i];
            var result = ServedEvaluation.Of(flag, context, counters?[i]);
            if (metadata == MetadataDetail.Lean && flag.Prepared.Find(result) is { } prepared)
            {
                writer.WriteRawValue(prepared, skipInputValidation: true);
            }
            else
            {
                OfrepJson.WriteResult(writer, result, metadata);
            }
        }
        writer.WriteEndArray();
        writer.WritePropertyName("eventStreams");
        writer.WriteRawValue(EventStreams, skipInputValidation: true);
        writer.WriteEndObject();
    }

    public static ReadOnlyMemory<byte> Failure(string? key, EvaluationErrorCode code, string? details)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            OfrepJson.WriteFailure(writer, key, code, details);
        }
        return buffer.WrittenMemory;
    }

    /// <summary>200 for a value, 404 for FLAG_NOT_FOUND, 400 for every other error (the SDK then uses its default).</summary>
    public static int StatusOf(in EvaluationResult result) => result.ErrorCode switch
    {
        EvaluationErrorCode.None => StatusCodes.Status200OK,
        EvaluationErrorCode.FlagNotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    };
}
