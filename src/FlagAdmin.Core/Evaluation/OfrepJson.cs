using System.Text.Json;

namespace FlagAdmin.Core.Evaluation;

/// <summary>How much flag metadata an OFREP item carries (docs/decisions/0015-lean-prepared-ofrep-items.md).</summary>
public enum MetadataDetail : byte
{
    /// <summary>What applications use: <c>flagVersion</c>, <c>stateVersion</c> and, when set, <c>config</c>.</summary>
    Lean,
    /// <summary>Everything in <see cref="CompiledFlag.Metadata"/>: also project, environment, name, owner and tags.</summary>
    Full,
}

/// <summary>
/// The one writer of OFREP evaluation items: <c>{"key","value","reason","variant","metadata"}</c> for a value,
/// <c>{"key","errorCode","errorDetails"}</c> for an error. <see cref="PreparedResults"/> keeps its output ready
/// per flag; the endpoints use it directly for what is not prepared (full metadata, unknown flags, bad requests).
/// </summary>
public static class OfrepJson
{
    public static void WriteResult(Utf8JsonWriter writer, in EvaluationResult result, MetadataDetail detail)
    {
        if (result.IsError)
        {
            WriteFailure(writer, result.FlagKey, result.ErrorCode, result.ErrorDetails);
            return;
        }
        var flag = result.Flag!;
        writer.WriteStartObject();
        writer.WriteString("key", flag.EncodedKey);
        writer.WritePropertyName("value");
        writer.WriteRawValue(result.Variant!.ValueJsonUtf8, skipInputValidation: true);
        writer.WriteString("reason", EvaluationNames.Of(result.Reason));
        writer.WriteString("variant", result.Variant.EncodedKey);
        writer.WritePropertyName("metadata");
        writer.WriteRawValue(detail == MetadataDetail.Full ? flag.MetadataJsonUtf8 : flag.LeanMetadataJsonUtf8, skipInputValidation: true);
        writer.WriteEndObject();
    }

    public static void WriteFailure(Utf8JsonWriter writer, string? key, EvaluationErrorCode code, string? details)
    {
        writer.WriteStartObject();
        if (key is not null)
        {
            writer.WriteString("key", key);
        }
        writer.WriteString("errorCode", EvaluationNames.Of(code));
        if (details is not null)
        {
            writer.WriteString("errorDetails", details);
        }
        writer.WriteEndObject();
    }
}
