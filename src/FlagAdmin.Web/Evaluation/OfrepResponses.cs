using System.Text.Json;
using FlagAdmin.Core.Evaluation;

namespace FlagAdmin.Web.Evaluation;

/// <summary>Writes OFREP bodies straight from compiled flags: variant values and metadata are pre-encoded UTF-8.</summary>
internal static class OfrepResponses
{
    public static void WriteSuccess(Utf8JsonWriter writer, in EvaluationResult result)
    {
        var flag = result.Flag!;
        writer.WriteStartObject();
        writer.WriteString("key", flag.EncodedKey);
        writer.WritePropertyName("value");
        writer.WriteRawValue(result.Variant!.ValueJsonUtf8, skipInputValidation: true);
        writer.WriteString("reason", EvaluationNames.Of(result.Reason));
        writer.WriteString("variant", result.Variant.EncodedKey);
        writer.WritePropertyName("metadata");
        writer.WriteRawValue(flag.MetadataJsonUtf8, skipInputValidation: true);
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

    public static void WriteResult(Utf8JsonWriter writer, in EvaluationResult result)
    {
        if (result.IsError)
        {
            WriteFailure(writer, result.FlagKey, result.ErrorCode, result.ErrorDetails);
        }
        else
        {
            WriteSuccess(writer, result);
        }
    }

    /// <summary>200 for a value, 404 for FLAG_NOT_FOUND, 400 for every other error (the SDK then uses its default).</summary>
    public static int StatusOf(in EvaluationResult result) => result.ErrorCode switch
    {
        EvaluationErrorCode.None => StatusCodes.Status200OK,
        EvaluationErrorCode.FlagNotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    };
}
