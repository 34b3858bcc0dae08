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
        var view = await EmptyAsync(projectKey, flagKey, form, cancellationToken);
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
        return view with { Result = await EvaluateAsync(projectKey, flagKey, form, context, cancellationToken) };
    }

    public async Task<TryItView> EmptyAsync(string projectKey, string flagKey, TryItForm? form, CancellationToken cancellationToken)
    {
        var details = await flags.GetFlagAsync(projectKey, flagKey, cancellationToken);
        var environments = await flags.ListEnvironmentsAsync(projectKey, cancellationToken);
        form ??= new TryItForm { Environment = environments.FirstOrDefault()?.Key ?? "" };
        return new TryItView { Flag = details.Flag, Environments = environments, Form = form };
    }

    private async Task<TryItResult> EvaluateAsync(string projectKey, string flagKey, TryItForm form, EvaluationContext context, CancellationToken cancellationToken)
    {
        if (form.Source == TryItForm.Served)
        {
            var snapshot = snapshots.Find(projectKey, form.Environment);
            return snapshot is null
                ? TryItResult.From(FlagEvaluator.Evaluate((CompiledFlag?)null, context))
                : TryItResult.From(FlagEvaluator.Evaluate(snapshot, flagKey, context));
        }
        var details = await flags.GetFlagAsync(projectKey, flagKey, cancellationToken);
        var state = details.StateIn(form.Environment) ?? throw new NotFoundException("Environment", form.Environment);
        return TryItResult.From(FlagEvaluator.Evaluate(CompiledFlag.Compile(details.Flag, state), context));
    }
}
