using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Core.Transfer;

/// <summary>One flag of an import: its definition (created, changed or not), its state per environment, and the order to write them in.</summary>
internal sealed class FlagStep
{
    private NewFlag? _create;
    private FlagUpdate? _update;
    private bool? _archive;
    private bool _statesFirst;
    private FlagDetails? _current;

    private FlagStep(string key) => Key = key;

    public string Key { get; }
    public ImportOutcome Outcome { get; private set; }
    public List<StateStep> States { get; } = [];

    /// <summary>The flag's key and the versions of it and of its states the plan started from (part of the plan's fingerprint).</summary>
    public string Basis => _current is null ? $"{Key}@new"
        : $"{Key}@{_current.Flag.Version}:" + string.Join(',', _current.States.Select(s => $"{s.EnvironmentKey}@{s.Version}"));

    public int Writes =>
        (_create is null ? 0 : 1) + (_update is null ? 0 : 1) + (_archive is null ? 0 : 1) + States.Count(s => s.Update is not null);

    public static FlagStep? Plan(string projectKey, DocumentFlag flag, FlagDetails? current, IReadOnlySet<string> environmentKeys, string prefix, ValidationErrors errors)
    {
        var step = new FlagStep(flag.Key) { _current = current };
        var variants = flag.Variants.Select(v => new Variant(v.Key ?? "", v.Value.ValueKind == JsonValueKind.Undefined ? "" : v.Value.GetRawText(), v.Description)).ToValueList();
        Flag definition;
        if (current is null)
        {
            var created = ImportPlan.Collect(errors, prefix, () => FlagValidator.Normalize(new NewFlag
            {
                ProjectKey = projectKey,
                Key = flag.Key,
                Name = flag.Name,
                Description = flag.Description,
                Kind = flag.Kind,
                VariantType = flag.VariantType,
                Variants = variants,
                Tags = flag.Tags.ToValueList(),
                Owner = flag.Owner,
            }));
            if (created is null)
            {
                return null;
            }
            step._create = created;
            step.Outcome = ImportOutcome.Created;
            definition = new Flag
            {
                ProjectKey = projectKey, Key = created.Key, Name = created.Name, Description = created.Description ?? "",
                Kind = created.Kind, VariantType = created.VariantType, Variants = created.Variants, Tags = created.Tags, Owner = created.Owner,
                CreatedBy = "", CreatedAt = default, UpdatedBy = "", UpdatedAt = default,
            };
            step._archive = flag.Archived ? true : null;
        }
        else
        {
            if (current.Flag.Kind != flag.Kind || current.Flag.VariantType != flag.VariantType)
            {
                errors.Add(prefix + "kind", $"Flag '{flag.Key}' is {Describe(current.Flag.Kind, current.Flag.VariantType)} here and {Describe(flag.Kind, flag.VariantType)} in the document; a flag's kind cannot change.");
                return null;
            }
            var update = ImportPlan.Collect(errors, prefix, () => FlagValidator.Normalize(new FlagUpdate
            {
                ProjectKey = projectKey,
                Key = flag.Key,
                ExpectedVersion = current.Flag.Version,
                Name = flag.Name,
                Description = flag.Description,
                Variants = variants,
                Tags = flag.Tags.ToValueList(),
                Owner = flag.Owner,
            }, current.Flag));
            if (update is null)
            {
                return null;
            }
            definition = current.Flag with { Name = update.Name, Description = update.Description ?? "", Variants = update.Variants, Tags = update.Tags, Owner = update.Owner };
            var changed = definition != current.Flag;
            step._update = changed ? update : null;
            step._archive = flag.Archived != current.Flag.Archived ? flag.Archived : null;
            step.Outcome = changed || step._archive is not null ? ImportOutcome.Changed : ImportOutcome.Unchanged;
        }

        foreach (var (environment, state) in flag.Environments)
        {
            var statePrefix = $"{prefix}environments.{environment}.";
            if (!environmentKeys.Contains(environment))
            {
                errors.Add(prefix + "environments", $"Environment '{environment}' is neither in the document nor in the project.");
                continue;
            }
            var before = current?.StateIn(environment) ?? FlagState.Initial(current?.Flag ?? definition, environment, "", default);
            var normalized = ImportPlan.Collect(errors, statePrefix, () => FlagValidator.Normalize(new FlagStateUpdate
            {
                ProjectKey = projectKey,
                FlagKey = flag.Key,
                EnvironmentKey = environment,
                ExpectedVersion = before.Version,
                Enabled = state.Enabled,
                RolloutBasisPoints = state.RolloutBasisPoints,
                OnVariant = state.OnVariant,
                OffVariant = state.OffVariant,
                Rules = state.Rules,
                Config = state.Config is { ValueKind: not JsonValueKind.Null } config ? config.GetRawText() : null,
            }, definition));
            if (normalized is null)
            {
                continue;
            }
            var differs = normalized.ToState(before.UpdatedBy, before.UpdatedAt) with { Version = before.Version } != before;
            var outcome = current?.StateIn(environment) is null ? ImportOutcome.Created : differs ? ImportOutcome.Changed : ImportOutcome.Unchanged;
            step.States.Add(new StateStep(environment, outcome, differs ? normalized : null));
        }
        if (current is not null)
        {
            step.PlanOrder(definition, flag, environmentKeys, prefix, errors);
        }
        return step;
    }

    /// <summary>
    /// New variants must exist before a state serves them, and a removed variant may no longer be served when it
    /// goes: definition first when the states need new variants, states first when the definition drops served ones.
    /// </summary>
    private void PlanOrder(Flag definition, DocumentFlag flag, IReadOnlySet<string> environmentKeys, string prefix, ValidationErrors errors)
    {
        var current = _current!;
        var finalStates = current.States
            .Select(s => States.FirstOrDefault(p => p.EnvironmentKey == s.EnvironmentKey)?.Update?.ToState("", default) ?? s)
            .ToList();
        var problem = ImportPlan.Collect(errors, prefix, () =>
        {
            FlagValidator.EnsureVariantsServeStates(definition.Variants, finalStates);
            return new object();
        });
        if (problem is null || _update is null)
        {
            return;
        }
        var needsNewVariants = States.Any(s => s.Update is { } u && !ServesOnly(current.Flag, u.ToState("", default)));
        var dropsServedVariants = current.States.Any(s => !ServesOnly(definition, s));
        if (needsNewVariants && dropsServedVariants)
        {
            errors.Add(prefix + "variants", $"Flag '{flag.Key}' both adds variants its states need and removes variants they serve now; import it in two steps (first with both old and new variants).");
        }
        _statesFirst = dropsServedVariants;
    }

    private static bool ServesOnly(Flag flag, FlagState state)
    {
        try
        {
            FlagValidator.EnsureVariantsServeState(flag.Variants, state);
            return true;
        }
        catch (ValidationException)
        {
            return false;
        }
    }

    public async Task ApplyAsync(FlagService flags, string projectKey, ChangeContext change, CancellationToken cancellationToken)
    {
        FlagDetails details;
        if (_create is not null)
        {
            details = await flags.CreateFlagAsync(_create, change, cancellationToken);
        }
        else
        {
            // Fresh, for the states of environments this import just created; the versions seen while planning still decide.
            details = await flags.GetFlagAsync(projectKey, Key, cancellationToken);
            VersionConflictException.ThrowIfStale("Flag", Key, details.Flag.Version, _current!.Flag.Version, details.Flag, details.Flag.UpdatedBy, details.Flag.UpdatedAt);
        }
        var version = details.Flag.Version;
        if (_statesFirst)
        {
            await ApplyStatesAsync(flags, details, change, cancellationToken);
        }
        if (_update is not null)
        {
            version = (await flags.UpdateFlagAsync(_update with { ExpectedVersion = version }, change, cancellationToken)).Version;
        }
        if (!_statesFirst)
        {
            await ApplyStatesAsync(flags, details, change, cancellationToken);
        }
        if (_archive is { } archived)
        {
            await flags.SetArchivedAsync(projectKey, Key, archived, version, change, cancellationToken);
        }
    }

    private async Task ApplyStatesAsync(FlagService flags, FlagDetails details, ChangeContext change, CancellationToken cancellationToken)
    {
        foreach (var state in States.Where(s => s.Update is not null))
        {
            var stored = details.StateIn(state.EnvironmentKey) ?? throw new NotFoundException("Environment", state.EnvironmentKey);
            var planned = _current?.StateIn(state.EnvironmentKey);
            if (planned is not null)
            {
                VersionConflictException.ThrowIfStale("Flag state", $"{Key}/{state.EnvironmentKey}", stored.Version, planned.Version, stored, stored.UpdatedBy, stored.UpdatedAt);
            }
            await flags.UpdateStateAsync(state.Update! with { ExpectedVersion = stored.Version }, change, cancellationToken);
        }
    }

    private static string Describe(FlagKind kind, VariantType type) => kind == FlagKind.Boolean ? "boolean" : $"multivariate ({type})";
}

internal sealed record StateStep(string EnvironmentKey, ImportOutcome Outcome, FlagStateUpdate? Update);
