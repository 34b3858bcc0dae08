using System.Globalization;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Serving;
using Microsoft.AspNetCore.Http;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>
/// Evaluates the flag for a typed context with <see cref="FlagEvaluator"/>, the engine behind the OFREP API:
/// against the state stored now, or against the snapshot applications are being served from.
/// </summary>
public sealed class TryItEvaluator(FlagService flags, FlagSnapshotStore snapshots)
{
    public async Task<TryItView> HandleAsync(string projectKey, string flagKey, IFormCollection posted, CancellationToken cancellationToken)
    {
        var form = TryItForm.Parse(posted);
        var found = await flags.GetFlagInProjectAsync(projectKey, flagKey, cancellationToken);
        var view = Empty(found, form);
        var action = posted["action"].ToString();
        if (action == "add-attribute")
        {
            form.Attributes.Add(("", ""));
            return view;
        }
        if (action.StartsWith("remove-attribute:", StringComparison.Ordinal)
            && int.TryParse(action["remove-attribute:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index < form.Attributes.Count)
        {
            form.Attributes.RemoveAt(index);
            return view;
        }
        if (!view.Environments.Any(e => e.Key == form.Environment))
        {
            return view with { Problem = "Choose an environment to evaluate the flag in." };
        }
        if (!form.TryBuildContext(out var context, out var problem))
        {
            return view with { Problem = problem };
        }
        return view with { Result = Evaluate(found.Details, form, context) };
    }

    /// <summary>The box before anything was tried, for a flag read with its environments.</summary>
    public static TryItView Empty(FlagInProject found, TryItForm? form) => new()
    {
        Flag = found.Details.Flag,
        Environments = found.Environments,
        Form = form ?? new TryItForm { Environment = found.Environments.FirstOrDefault()?.Key ?? "" },
    };

    private TryItResult Evaluate(FlagDetails stored, TryItForm form, EvaluationContext context)
    {
        if (form.Source == TryItForm.Served)
        {
            var snapshot = snapshots.Find(stored.Flag.ProjectKey, form.Environment);
            return snapshot is null
                ? TryItResult.From(FlagEvaluator.Evaluate((CompiledFlag?)null, context))
                : TryItResult.From(FlagEvaluator.Evaluate(snapshot, stored.Flag.Key, context));
        }
        var state = stored.StateIn(form.Environment) ?? throw new NotFoundException("Environment", form.Environment);
        return TryItResult.From(FlagEvaluator.Evaluate(CompiledFlag.Compile(stored.Flag, state), context));
    }
}
