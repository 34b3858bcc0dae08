namespace FlagAdmin.Core.Evaluation;

/// <summary>Why a value was served, as OFREP and OpenFeature name it (<see cref="EvaluationNames.Of(EvaluationReason)"/>).</summary>
public enum EvaluationReason : byte
{
    /// <summary>No rules and a 0 % or 100 % rollout: everyone gets the same variant.</summary>
    Static,
    /// <summary>A targeting rule matched and served its variant.</summary>
    TargetingMatch,
    /// <summary>The targeting key's bucket chose the variant (a rule's split or a partial rollout).</summary>
    Split,
    /// <summary>The flag is disabled in the environment: the off variant.</summary>
    Disabled,
    /// <summary>Rules exist but none matched, and the rollout is 0 % or 100 %: the off or on variant.</summary>
    Default,
    /// <summary>See <see cref="EvaluationResult.ErrorCode"/>.</summary>
    Error,
}

/// <summary>OFREP error codes (<see cref="EvaluationNames.Of(EvaluationErrorCode)"/>); the engine itself produces the first three.</summary>
public enum EvaluationErrorCode : byte
{
    None,
    FlagNotFound,
    TargetingKeyMissing,
    /// <summary>The flag compiled with a <see cref="CompiledFlag.ConfigurationProblem"/>.</summary>
    General,
    /// <summary>For callers: <see cref="EvaluationContext.TryFromJson"/> reported a problem.</summary>
    InvalidContext,
    /// <summary>For callers: the request body was not valid JSON.</summary>
    ParseError,
}

/// <summary>
/// The outcome of one evaluation. A struct holding references to already-compiled objects, so making one
/// allocates nothing. On TARGETING_KEY_MISSING, <see cref="Variant"/> is still the flag's off variant, a
/// safe value for in-process callers; OFREP answers with the error and the SDK uses its own default.
/// </summary>
public readonly struct EvaluationResult
{
    internal EvaluationResult(string flagKey, CompiledFlag? flag, CompiledVariant? variant, EvaluationReason reason,
        EvaluationErrorCode errorCode = EvaluationErrorCode.None, string? errorDetails = null)
    {
        FlagKey = flagKey;
        Flag = flag;
        Variant = variant;
        Reason = reason;
        ErrorCode = errorCode;
        ErrorDetails = errorDetails;
    }

    /// <summary>The key that was asked for.</summary>
    public string FlagKey { get; }

    /// <summary>The evaluated flag (for its metadata); null when it was not found or is archived.</summary>
    public CompiledFlag? Flag { get; }

    /// <summary>The variant served; null for FLAG_NOT_FOUND and GENERAL.</summary>
    public CompiledVariant? Variant { get; }

    public EvaluationReason Reason { get; }
    public EvaluationErrorCode ErrorCode { get; }

    /// <summary>A sentence for OFREP's <c>errorDetails</c>, or null.</summary>
    public string? ErrorDetails { get; }

    public bool IsError => ErrorCode != EvaluationErrorCode.None;

    /// <summary><see cref="CompiledVariant.Index"/> of the variant served, or -1.</summary>
    public int VariantIndex => Variant?.Index ?? -1;

    public string? VariantKey => Variant?.Key;

    /// <summary>Compact JSON text of the value served, or null.</summary>
    public string? ValueJson => Variant?.ValueJson;

    public override string ToString() => IsError
        ? $"{FlagKey}: {EvaluationNames.Of(ErrorCode)} ({ErrorDetails}){(Variant is null ? "" : $", {Variant}")}"
        : $"{FlagKey}: {Variant} ({EvaluationNames.Of(Reason)})";
}

/// <summary>The wire names of reasons and error codes, as OFREP and OpenFeature spell them.</summary>
public static class EvaluationNames
{
    public static string Of(EvaluationReason reason) => reason switch
    {
        EvaluationReason.Static => "STATIC",
        EvaluationReason.TargetingMatch => "TARGETING_MATCH",
        EvaluationReason.Split => "SPLIT",
        EvaluationReason.Disabled => "DISABLED",
        EvaluationReason.Default => "DEFAULT",
        EvaluationReason.Error => "ERROR",
        _ => "UNKNOWN",
    };

    public static string Of(EvaluationErrorCode code) => code switch
    {
        EvaluationErrorCode.None => "",
        EvaluationErrorCode.FlagNotFound => "FLAG_NOT_FOUND",
        EvaluationErrorCode.TargetingKeyMissing => "TARGETING_KEY_MISSING",
        EvaluationErrorCode.InvalidContext => "INVALID_CONTEXT",
        EvaluationErrorCode.ParseError => "PARSE_ERROR",
        _ => "GENERAL",
    };
}
