using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Serving;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>
/// Evaluates the flag for a typed context with <see cref="FlagEvaluator"/>, the engine behind the OFREP API: against the
/// state the page shows (stored, kept current by live updates), or against the snapshot applications are served from.
/// </summary>
public sealed class TryItEvaluator(FlagSnapshotStore snapshots)
{
    /// <summary>The result, or a sentence saying what to fix in the form.</summary>
    public (TryItResult? Result, string? Problem) Evaluate(FlagInProject found, TryItForm form)
    {
        if (found.Environment(form.Environment) is null || found.Details.StateIn(form.Environment) is not { } state)
        {
            return (null, "Choose an environment to evaluate the flag in.");
        }
        if (!form.TryBuildContext(out var context, out var problem))
        {
            return (null, problem);
        }
        var flag = found.Details.Flag;
        if (form.Source == TryItForm.Served)
        {
            var snapshot = snapshots.Find(flag.ProjectKey, form.Environment);
            return (snapshot is null
                ? TryItResult.From(FlagEvaluator.Evaluate((CompiledFlag?)null, context))
                : TryItResult.From(FlagEvaluator.Evaluate(snapshot, flag.Key, context)), null);
        }
        return (TryItResult.From(FlagEvaluator.Evaluate(CompiledFlag.Compile(flag, state), context)), null);
    }
}
