using System.Buffers;
using System.Text.Json;

namespace FlagAdmin.Core.Evaluation;

/// <summary>
/// Every result a compiled flag can give, as its OFREP item with lean metadata (<see cref="OfrepJson"/>), written
/// once when the flag is compiled, so serving one costs a lookup and a copy. Only the (variant, reason) pairs the
/// flag's configuration can reach are kept, plus TARGETING_KEY_MISSING when a bucket can be needed and GENERAL
/// for a flag with a configuration problem. Archived flags (FLAG_NOT_FOUND) have none.
/// </summary>
public sealed class PreparedResults
{
    private const int ReasonCount = (int)EvaluationReason.Error;
    private static readonly PreparedResults None = new([], null, null);

    private readonly byte[]?[] _served; // [variant index * ReasonCount + reason]
    private readonly byte[]? _targetingKeyMissing;
    private readonly byte[]? _general;

    private PreparedResults(byte[]?[] served, byte[]? targetingKeyMissing, byte[]? general)
    {
        _served = served;
        _targetingKeyMissing = targetingKeyMissing;
        _general = general;
    }

    /// <summary>
    /// The item for <paramref name="result"/>, an evaluation of this flag, or null when it was not prepared
    /// (FLAG_NOT_FOUND; any other miss would be a bug, which the caller covers by writing the item itself).
    /// </summary>
    public byte[]? Find(in EvaluationResult result) => result.ErrorCode switch
    {
        EvaluationErrorCode.None => Served(result.Variant!.Index, result.Reason),
        EvaluationErrorCode.TargetingKeyMissing => _targetingKeyMissing,
        EvaluationErrorCode.General => _general,
        _ => null,
    };

    private byte[]? Served(int variant, EvaluationReason reason)
    {
        var index = variant * ReasonCount + (int)reason;
        return (uint)index < (uint)_served.Length ? _served[index] : null;
    }

    /// <summary>Mirrors <see cref="FlagEvaluator.Evaluate(CompiledFlag?, in EvaluationContext)"/>: whatever it can return for <paramref name="flag"/> gets its item.</summary>
    internal static PreparedResults Prepare(CompiledFlag flag)
    {
        if (flag.IsArchived)
        {
            return None;
        }
        if (flag.ConfigurationProblem is { } problem)
        {
            return new PreparedResults([], null, Write(new EvaluationResult(flag.Key, flag, null, EvaluationReason.Error, EvaluationErrorCode.General, problem)));
        }

        var served = new byte[]?[flag.Variants.Length * ReasonCount];
        void Add(CompiledVariant variant, EvaluationReason reason) =>
            served[variant.Index * ReasonCount + (int)reason] ??= Write(new EvaluationResult(flag.Key, flag, variant, reason));

        if (!flag.IsEnabled)
        {
            Add(flag.OffVariant!, EvaluationReason.Disabled);
            return new PreparedResults(served, null, null);
        }
        var needsBucket = false;
        foreach (var rule in flag.Rules)
        {
            if (rule.Variant is { } variant)
            {
                Add(variant, EvaluationReason.TargetingMatch);
                continue;
            }
            needsBucket = true;
            foreach (var share in rule.SplitVariants)
            {
                Add(share, EvaluationReason.Split);
            }
        }
        var everyoneGetsTheSame = flag.Rules.Length == 0 ? EvaluationReason.Static : EvaluationReason.Default;
        if (flag.RolloutBasisPoints >= Flags.FlagState.FullRollout)
        {
            Add(flag.OnVariant!, everyoneGetsTheSame);
        }
        else if (flag.RolloutBasisPoints <= 0)
        {
            Add(flag.OffVariant!, everyoneGetsTheSame);
        }
        else
        {
            needsBucket = true;
            Add(flag.OnVariant!, EvaluationReason.Split);
            Add(flag.OffVariant!, EvaluationReason.Split);
        }
        var targetingKeyMissing = needsBucket
            ? Write(new EvaluationResult(flag.Key, flag, flag.OffVariant, EvaluationReason.Error, EvaluationErrorCode.TargetingKeyMissing, FlagEvaluator.TargetingKeyMissingDetails))
            : null;
        return new PreparedResults(served, targetingKeyMissing, null);
    }

    private static byte[] Write(in EvaluationResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            OfrepJson.WriteResult(writer, result, MetadataDetail.Lean);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
