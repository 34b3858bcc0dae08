using FlagAdmin.Core.Flags;

namespace FlagAdmin.Core.Evaluation;

/// <summary>
/// Decides what a flag serves for a context (docs/evaluation.md). Pure, thread-safe and allocation-free:
/// it reads a <see cref="CompiledFlag"/> and the context and returns a struct.
/// </summary>
public static class FlagEvaluator
{
    public const string FlagNotFoundDetails = "The flag does not exist in this environment or is archived.";
    public const string TargetingKeyMissingDetails = "This flag serves a percentage of targeting keys; the context needs a targetingKey.";

    /// <summary>Looks <paramref name="flagKey"/> up in <paramref name="snapshot"/> and evaluates it.</summary>
    public static EvaluationResult Evaluate(EnvironmentSnapshot snapshot, string flagKey, in EvaluationContext context) =>
        snapshot.TryGetFlag(flagKey, out var flag)
            ? Evaluate(flag, context)
            : NotFound(flagKey);

    /// <summary>
    /// In order: missing or archived → FLAG_NOT_FOUND; disabled → off variant (DISABLED); the first rule
    /// whose conditions all match → its variant (TARGETING_MATCH) or its split (SPLIT); otherwise the
    /// rollout: no rules and 0 % / 100 % → off / on (STATIC), rules and 0 % / 100 % → off / on (DEFAULT),
    /// else on below the rollout bucket, off above it (SPLIT). Wherever a bucket is needed and the
    /// context has no targeting key → TARGETING_KEY_MISSING with the off variant.
    /// </summary>
    public static EvaluationResult Evaluate(CompiledFlag? flag, in EvaluationContext context)
    {
        if (flag is null || flag.IsArchived)
        {
            return NotFound(flag?.Key ?? "");
        }
        if (flag.ConfigurationProblem is { } problem)
        {
            return new EvaluationResult(flag.Key, flag, null, EvaluationReason.Error, EvaluationErrorCode.General, problem);
        }
        if (!flag.IsEnabled)
        {
            return Serve(flag, flag.OffVariant, EvaluationReason.Disabled);
        }

        var rules = flag.Rules.AsSpan();
        foreach (var rule in rules)
        {
            if (!rule.Matches(context))
            {
                continue;
            }
            if (rule.Variant is { } variant)
            {
                return Serve(flag, variant, EvaluationReason.TargetingMatch);
            }
            return context.TargetingKeyUtf8 is { } key
                ? Serve(flag, rule.SplitVariant(Bucketing.Bucket(flag.BucketPrefix, key)), EvaluationReason.Split)
                : TargetingKeyMissing(flag);
        }

        var rollout = flag.RolloutBasisPoints;
        var everyoneGetsTheSame = rules.Length == 0 ? EvaluationReason.Static : EvaluationReason.Default;
        if (rollout >= FlagState.FullRollout)
        {
            return Serve(flag, flag.OnVariant, everyoneGetsTheSame);
        }
        if (rollout <= 0)
        {
            return Serve(flag, flag.OffVariant, everyoneGetsTheSame);
        }
        if (context.TargetingKeyUtf8 is not { } targetingKey)
        {
            return TargetingKeyMissing(flag);
        }
        var inRollout = Bucketing.IsInRollout(Bucketing.Bucket(flag.BucketPrefix, targetingKey), rollout);
        return Serve(flag, inRollout ? flag.OnVariant : flag.OffVariant, EvaluationReason.Split);
    }

    private static EvaluationResult Serve(CompiledFlag flag, CompiledVariant? variant, EvaluationReason reason) =>
        new(flag.Key, flag, variant, reason);

    private static EvaluationResult NotFound(string flagKey) =>
        new(flagKey, null, null, EvaluationReason.Error, EvaluationErrorCode.FlagNotFound, FlagNotFoundDetails);

    private static EvaluationResult TargetingKeyMissing(CompiledFlag flag) =>
        new(flag.Key, flag, flag.OffVariant, EvaluationReason.Error, EvaluationErrorCode.TargetingKeyMissing, TargetingKeyMissingDetails);
}
