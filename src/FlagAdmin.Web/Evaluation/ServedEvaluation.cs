using FlagAdmin.Core.Evaluation;

namespace FlagAdmin.Web.Evaluation;

/// <summary>Every flag the OFREP endpoints evaluate, single or bulk, is evaluated here: the one place to count evaluations.</summary>
internal static class ServedEvaluation
{
    /// <summary><paramref name="key"/> in <paramref name="snapshot"/>; FLAG_NOT_FOUND when it has no such flag.</summary>
    public static EvaluationResult Of(EnvironmentSnapshot snapshot, string key, in EvaluationContext context, EvaluationTelemetry telemetry)
    {
        var result = snapshot.TryGetFlag(key, out var flag) ? FlagEvaluator.Evaluate(flag, context) : FlagEvaluator.Evaluate(snapshot, key, context);
        telemetry.Count(snapshot, result);
        return result;
    }

    /// <summary><paramref name="flag"/>, counted in <paramref name="counts"/> (<see cref="EvaluationTelemetry.CountersOf"/>).</summary>
    public static EvaluationResult Of(CompiledFlag flag, in EvaluationContext context, long[]? counts)
    {
        var result = FlagEvaluator.Evaluate(flag, context);
        EvaluationTelemetry.Count(counts, result);
        return result;
    }
}
