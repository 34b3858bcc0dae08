using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Core.Flags;

/// <summary>
/// The use cases every entry point (pages, htmx fragments, JSON API) goes through: validates input,
/// applies a change to the state the caller saw (its version) and lets the store write it with its
/// audit entry. Nothing reaches the store unvalidated, and nothing is read for writing before the
/// actor's role is checked (<see cref="Permissions"/>): Editors toggle flags and edit their name,
/// description, tags and owner; everything else that writes needs an Admin; Viewers write nothing.
/// An update that changes nothing is a no-op (<see cref="IFlagRepository"/>): it returns what is stored, same
/// version, writes no audit entry, tells no one and needs no reason; a stale version is still a conflict.
/// </summary>
public sealed class FlagService(IFlagRepository repository, IAuditLog auditLog, IFlagChangeNotifier? notifier = null)
{
    public Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken = default) =>
        repository.ListProjectsAsync(cancellationToken);

    public async Task<Project> GetProjectAsync(string projectKey, CancellationToken cancellationToken = default) =>
        await repository.GetProjectAsync(projectKey, cancellationToken)
        ?? throw new NotFoundException("Project", projectKey);

    /// <summary>
    /// Creates a project and, in the same transaction, the environments it asks for (<see cref="NewProject.Environments"/>),
    /// each with its own audit entry: all of them or nothing.
    /// </summary>
    public async Task<Project> CreateProjectAsync(NewProject project, ChangeContext change, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Admin, "Creating a project");
        project = project with
        {
            Key = project.Key?.Trim() ?? "",
            Name = project.Name?.Trim() ?? "",
            Environments = [.. project.Environments.Select(e => e with { Key = e.Key?.Trim() ?? "", Name = e.Name?.Trim() ?? "" })],
        };
        ProjectValidator.Validate(project);
        if (project.Environments.Count == 0)
        {
            var created = await repository.CreateProjectAsync(project, change, cancellationToken);
            await NotifyProjectAsync(project.Key, change.Actor);
            return created;
        }
        return await InTransactionAsync(async (transaction, ct) =>
        {
            var created = await transaction.CreateProjectAsync(project with { Environments = [] }, change, ct);
            for (var i = 0; i < project.Environments.Count; i++)
            {
                var environment = project.Environments[i];
                await transaction.CreateEnvironmentAsync(new NewEnvironment(project.Key, environment.Key, environment.Name, i + 1, environment.Protected), change, ct);
            }
            return created;
        }, cancellationToken);
    }

    public async Task<Project> UpdateProjectAsync(ProjectUpdate update, ChangeContext change, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Admin, "Changing a project's settings");
        update = update with { Name = update.Name?.Trim() ?? "" };
        ProjectValidator.Validate(update);
        var updated = await repository.UpdateProjectAsync(update, change, cancellationToken);
        if (updated.Version != update.ExpectedVersion)
        {
            await NotifyProjectAsync(update.Key, change.Actor);
        }
        return updated;
    }

    public async Task<IReadOnlyList<ProjectEnvironment>> ListEnvironmentsAsync(string projectKey, CancellationToken cancellationToken = default)
    {
        await GetProjectAsync(projectKey, cancellationToken);
        return await repository.ListEnvironmentsAsync(projectKey, cancellationToken);
    }

    /// <summary>A project with its environments in their order (what its settings show); NotFound for a missing project.</summary>
    public async Task<ProjectSetup> GetProjectSetupAsync(string projectKey, CancellationToken cancellationToken = default)
    {
        var project = await GetProjectAsync(projectKey, cancellationToken);
        return new ProjectSetup(project, await repository.ListEnvironmentsAsync(projectKey, cancellationToken));
    }

    public async Task<ProjectEnvironment> CreateEnvironmentAsync(NewEnvironment environment, ChangeContext change, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Admin, "Adding an environment");
        environment = environment with { Key = environment.Key?.Trim() ?? "", Name = environment.Name?.Trim() ?? "" };
        ProjectValidator.Validate(environment);
        var created = await repository.CreateEnvironmentAsync(environment, change, cancellationToken);
        await NotifyProjectAsync(environment.ProjectKey, change.Actor);
        return created;
    }

    public async Task<ProjectEnvironment> UpdateEnvironmentAsync(EnvironmentUpdate update, ChangeContext change, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Admin, "Changing an environment");
        update = update with { Name = update.Name?.Trim() ?? "" };
        ProjectValidator.Validate(update);
        var updated = await repository.UpdateEnvironmentAsync(update, change, cancellationToken);
        if (updated.Version != update.ExpectedVersion)
        {
            await NotifyProjectAsync(update.ProjectKey, change.Actor);
        }
        return updated;
    }

    /// <summary>
    /// Puts a project's environments in the order of <paramref name="order"/>, which names each of them once with the
    /// version the caller saw, all in one transaction. Each environment whose position changes is written with its own
    /// audit entry; the order it has already is a no-op. A version that is no longer current anywhere in the list is a
    /// <see cref="VersionConflictException"/> carrying the environments as they are now, and nothing moves.
    /// </summary>
    /// <returns>The project's environments in their new order.</returns>
    public async Task<IReadOnlyList<ProjectEnvironment>> ReorderEnvironmentsAsync(
        string projectKey, IReadOnlyList<EnvironmentPosition> order, ChangeContext change, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Admin, "Reordering environments");
        try
        {
            return await InTransactionAsync(async (transaction, ct) =>
            {
                var current = await transaction.ListEnvironmentsAsync(projectKey, ct);
                foreach (var update in EnvironmentOrder.Plan(projectKey, current, order))
                {
                    await transaction.UpdateEnvironmentAsync(update, change, ct);
                }
                return await transaction.ListEnvironmentsAsync(projectKey, ct);
            }, cancellationToken);
        }
        catch (VersionConflictException e) when (e.Current is ProjectEnvironment changed)
        {
            // Changed by someone else between the transaction's read and its write; read again now that it rolled back.
            throw EnvironmentOrder.Conflict(projectKey, await ListEnvironmentsAsync(projectKey, cancellationToken), changed);
        }
    }

    public async Task<FlagDetails> GetFlagAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) =>
        await repository.GetFlagAsync(projectKey, flagKey, cancellationToken)
        ?? throw new NotFoundException("Flag", flagKey);

    /// <summary>A flag with its project and the project's environments, from one read of the store: what a flag's page shows.</summary>
    public async Task<FlagInProject> GetFlagInProjectAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) =>
        await repository.GetFlagInProjectAsync(projectKey, flagKey, cancellationToken)
        ?? throw (await repository.GetProjectAsync(projectKey, cancellationToken) is null
            ? new NotFoundException("Project", projectKey)
            : new NotFoundException("Flag", flagKey));

    public Task<FlagPage> ListFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default) =>
        repository.QueryFlagsAsync(Validated(query), cancellationToken);

    /// <summary>A page of flags with the project and its environments, from one read of the store: what the flags list shows.</summary>
    public async Task<FlagListInProject> ListFlagsInProjectAsync(FlagQuery query, CancellationToken cancellationToken = default) =>
        await repository.QueryFlagsInProjectAsync(Validated(query), cancellationToken)
        ?? throw new NotFoundException("Project", query.ProjectKey);

    private static FlagQuery Validated(FlagQuery query)
    {
        var errors = FilterErrors(query);
        if (query.Limit is < 1 or > FlagQuery.MaxLimit)
        {
            errors.Add("limit", $"Page size must be between 1 and {FlagQuery.MaxLimit}.");
        }
        if (query.Offset < 0)
        {
            errors.Add("offset", "Offset cannot be negative.");
        }
        if (query.After is not null && (query.Sort != FlagSort.ModifiedAt || query.Descending || query.Offset != 0))
        {
            errors.Add("after", "A position continues a list of changes, oldest first: sort by modifiedAt, ascending, without an offset.");
        }
        errors.ThrowIfAny();
        return Normalize(query);
    }

    /// <summary>How many flags match the query's filters, without reading a page of them.</summary>
    public async Task<int> CountFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default)
    {
        FilterErrors(query).ThrowIfAny();
        await GetProjectAsync(query.ProjectKey, cancellationToken);
        return await repository.CountFlagsAsync(Normalize(query), cancellationToken);
    }

    private static ValidationErrors FilterErrors(FlagQuery query)
    {
        var errors = new ValidationErrors();
        if (query.Enabled is not null && string.IsNullOrEmpty(query.EnvironmentKey))
        {
            errors.Add("environment", "Choose an environment to filter flags that are on or off.");
        }
        return errors;
    }

    private static FlagQuery Normalize(FlagQuery query) =>
        query with { Search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim() };

    /// <summary>
    /// The flags of a project with the given keys (1 to <see cref="FlagLookup.MaxKeys"/>, each a well-formed flag key), and
    /// the keys that name none. Archived flags are found too, as by their key alone.
    /// </summary>
    public async Task<FlagLookup> GetFlagsAsync(string projectKey, IReadOnlyList<string> flagKeys, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        if (flagKeys.Count == 0)
        {
            errors.Add("keys", "Name at least one flag key.");
        }
        var keys = flagKeys.Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count > FlagLookup.MaxKeys)
        {
            errors.Add("keys", $"At most {FlagLookup.MaxKeys} different keys can be looked up at once; you named {keys.Count}. Split them over several requests.");
        }
        foreach (var key in keys.Where(k => !Slug.IsValid(k)).Take(5))
        {
            errors.Add("keys", Slug.Problem(key, "Flag key"));
        }
        errors.ThrowIfAny();
        var found = await repository.GetFlagsAsync(projectKey, keys, cancellationToken);
        if (found.Count == 0)
        {
            await GetProjectAsync(projectKey, cancellationToken);
        }
        var foundKeys = found.Select(d => d.Flag.Key).ToHashSet(StringComparer.Ordinal);
        return new FlagLookup(found.ToValueList(), keys.Where(k => !foundKeys.Contains(k)).ToValueList());
    }

    /// <summary>The flag's version when it exists, null when it or its project does not: a look-up that reads no more than that.</summary>
    public Task<uint?> FindFlagVersionAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) =>
        repository.GetFlagVersionAsync(projectKey, flagKey, cancellationToken);

    public async Task<FlagDetails> CreateFlagAsync(NewFlag flag, ChangeContext change, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Admin, "Creating a flag");
        var created = await repository.CreateFlagAsync(FlagValidator.Normalize(flag), change, cancellationToken);
        await NotifyFlagAsync(flag.ProjectKey, created.Flag.Key, change.Actor);
        return created;
    }

    /// <summary>Edits name, description, tags, owner (Editor) and, for multivariate flags, variants (Admin).</summary>
    public async Task<Flag> UpdateFlagAsync(FlagUpdate update, ChangeContext change, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Editor, "Editing a flag");
        var current = await GetFlagAsync(update.ProjectKey, update.Key, cancellationToken);
        VersionConflictException.ThrowIfStale("Flag", current.Flag.Key, current.Flag.Version, update.ExpectedVersion, current.Flag, current.Flag.UpdatedBy, current.Flag.UpdatedAt);
        var normalized = FlagValidator.Normalize(update, current.Flag);
        if (AdminOnlyChanges.InVariants(current.Flag, normalized))
        {
            Permissions.Require(change, Role.Admin, "Changing a flag's variants");
        }
        if (!normalized.Changes(current.Flag))
        {
            return current.Flag;
        }
        FlagValidator.EnsureVariantsServeStates(normalized.Variants, current.States);
        var updated = await repository.UpdateFlagAsync(normalized, change, cancellationToken);
        await NotifyFlagAsync(update.ProjectKey, update.Key, change.Actor);
        return updated;
    }

    public Task<FlagState> SetEnabledAsync(string projectKey, string flagKey, string environmentKey, bool enabled, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(Role.Editor, "Turning a flag on or off", projectKey, flagKey, environmentKey, expectedVersion, change, s => s with { Enabled = enabled }, cancellationToken);

    public Task<FlagState> SetRolloutAsync(string projectKey, string flagKey, string environmentKey, int basisPoints, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(Role.Admin, "Changing the rollout", projectKey, flagKey, environmentKey, expectedVersion, change, s => s with { RolloutBasisPoints = basisPoints }, cancellationToken);

    public Task<FlagState> SetRulesAsync(string projectKey, string flagKey, string environmentKey, ValueList<TargetingRule> rules, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(Role.Admin, "Changing the targeting rules", projectKey, flagKey, environmentKey, expectedVersion, change, s => s with { Rules = rules }, cancellationToken);

    public Task<FlagState> SetServedVariantsAsync(string projectKey, string flagKey, string environmentKey, string onVariant, string offVariant, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(Role.Admin, "Changing the served variants", projectKey, flagKey, environmentKey, expectedVersion, change, s => s with { OnVariant = onVariant, OffVariant = offVariant }, cancellationToken);

    public Task<FlagState> SetConfigAsync(string projectKey, string flagKey, string environmentKey, string? configJson, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(Role.Admin, "Changing the config value", projectKey, flagKey, environmentKey, expectedVersion, change, s => s with { Config = configJson }, cancellationToken);

    /// <summary>Replaces the whole state of a flag in one environment; an Editor's may differ from the current one only in on/off.</summary>
    public Task<FlagState> UpdateStateAsync(FlagStateUpdate update, ChangeContext change, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(Role.Editor, "Changing a flag's state", update.ProjectKey, update.FlagKey, update.EnvironmentKey, update.ExpectedVersion, change, _ => update, cancellationToken);

    public async Task<Flag> SetArchivedAsync(string projectKey, string flagKey, bool archived, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Admin, archived ? "Archiving a flag" : "Restoring an archived flag");
        var current = await GetFlagAsync(projectKey, flagKey, cancellationToken);
        VersionConflictException.ThrowIfStale("Flag", flagKey, current.Flag.Version, expectedVersion, current.Flag, current.Flag.UpdatedBy, current.Flag.UpdatedAt);
        if (current.Flag.Archived == archived)
        {
            throw new ValidationException("archived", archived ? $"Flag '{flagKey}' is already archived." : $"Flag '{flagKey}' is not archived.");
        }
        var updated = await repository.SetArchivedAsync(projectKey, flagKey, expectedVersion, archived, change, cancellationToken);
        await NotifyFlagAsync(projectKey, flagKey, change.Actor);
        return updated;
    }

    public async Task DeleteFlagAsync(string projectKey, string flagKey, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Admin, "Deleting a flag");
        await repository.DeleteFlagAsync(projectKey, flagKey, expectedVersion, change, cancellationToken);
        await NotifyFlagAsync(projectKey, flagKey, change.Actor);
    }

    public Task<AuditPage> HistoryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        query.ThrowIfInvalid();
        return auditLog.QueryAsync(query, cancellationToken);
    }

    /// <param name="needed">The role the kind of change needs; below Admin, the edit itself may not touch more than on/off.</param>
    private async Task<FlagState> ChangeStateAsync(
        Role needed, string doing,
        string projectKey, string flagKey, string environmentKey, uint expectedVersion, ChangeContext change,
        Func<FlagStateUpdate, FlagStateUpdate> edit, CancellationToken cancellationToken)
    {
        Permissions.Require(change, needed, doing);
        var found = await GetFlagInProjectAsync(projectKey, flagKey, cancellationToken);
        var details = found.Details;
        var state = details.StateIn(environmentKey) ?? throw new NotFoundException("Environment", environmentKey);
        VersionConflictException.ThrowIfStale("Flag state", $"{flagKey}/{environmentKey}", state.Version, expectedVersion, state, state.UpdatedBy, state.UpdatedAt);
        var update = edit(FlagStateUpdate.From(state)) with
        {
            ProjectKey = projectKey,
            FlagKey = flagKey,
            EnvironmentKey = environmentKey,
            ExpectedVersion = expectedVersion,
        };
        if (!Permissions.Allows(change.Role, Role.Admin) && AdminOnlyChanges.InState(state, update, details.Flag) is { } adminOnly)
        {
            throw Permissions.Forbidden(change.Role, Role.Admin, adminOnly);
        }
        var normalized = FlagValidator.Normalize(update, details.Flag);
        if (!normalized.Changes(state))
        {
            return state;
        }
        if (change.Reason is null && found.Project.RequireReasonInProtectedEnvironments && found.Environment(environmentKey) is { Protected: true })
        {
            throw new ValidationException("reason", $"Give a reason: project '{projectKey}' requires one for changes in {environmentKey}.");
        }
        var updated = await repository.UpdateStateAsync(normalized, change, cancellationToken);
        await NotifyFlagAsync(projectKey, flagKey, change.Actor);
        return updated;
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one transaction (<see cref="IFlagRepository.InTransactionAsync{T}"/>) on a
    /// service of its own: every change it makes is stored, checked and audited as usual, all together or none. The
    /// served flags hear of the changes once, after the commit. The store may run <paramref name="work"/> more than once,
    /// so it must do nothing but call the service it is handed.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<FlagService, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var changes = new PendingChanges();
        var result = await repository.InTransactionAsync((transactional, ct) =>
        {
            changes = new PendingChanges(); // the store may run the work again; only the run that commits counts
            return work(new FlagService(transactional, auditLog, changes), ct);
        }, cancellationToken);
        foreach (var (projectKey, actor) in changes.Projects)
        {
            await NotifyProjectAsync(projectKey, actor);
        }
        foreach (var (flag, actor) in changes.Flags.Where(f => !changes.Projects.ContainsKey(f.Key.Project)))
        {
            await NotifyFlagAsync(flag.Project, flag.Flag, actor);
        }
        return result;
    }

    // The write is committed by now: a notifier that cannot re-read the store must not turn a saved
    // change into an error. The store's change listener catches up once the store is back.
    // Not cancellable: a request cancelled after the commit must still leave the served flags up to date.
    private async Task NotifyFlagAsync(string projectKey, string flagKey, string actor)
    {
        if (notifier is null)
        {
            return;
        }
        try
        {
            await notifier.FlagChangedAsync(projectKey, flagKey, actor, CancellationToken.None);
        }
        catch (StoreException)
        {
        }
    }

    private async Task NotifyProjectAsync(string projectKey, string actor)
    {
        if (notifier is null)
        {
            return;
        }
        try
        {
            await notifier.ProjectChangedAsync(projectKey, actor, CancellationToken.None);
        }
        catch (StoreException)
        {
        }
    }
}
