using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;

namespace FlagAdmin.Storage.Memory;

public sealed partial class MemoryFlagRepository
{
    public Task<Project> CreateProjectAsync(NewProject project, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            if (_projects.ContainsKey(project.Key))
            {
                throw new AlreadyExistsException("Project", project.Key);
            }
            var now = _time.UtcNowMicroseconds();
            var created = new Project
            {
                Key = project.Key,
                Name = project.Name,
                RequireReasonInProtectedEnvironments = project.RequireReasonInProtectedEnvironments,
                CreatedBy = change.Actor,
                CreatedAt = now,
                UpdatedBy = change.Actor,
                UpdatedAt = now,
                Version = NextVersion(),
            };
            var audit = AuditRecords.Describe(AuditAction.ProjectCreated, change, now, project.Key, null, null);
            Commit(Record(audit) with { Project = created }, null, created);
            return Task.FromResult(created);
        }
    }

    public Task<Project> UpdateProjectAsync(ProjectUpdate update, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            var current = RequireProject(update.Key).Project;
            VersionConflictException.ThrowIfStale("Project", update.Key, current.Version, update.ExpectedVersion, current, current.UpdatedBy, current.UpdatedAt);
            if (!update.Changes(current))
            {
                return Task.FromResult(current);
            }
            var now = _time.UtcNowMicroseconds();
            var updated = current with
            {
                Name = update.Name,
                RequireReasonInProtectedEnvironments = update.RequireReasonInProtectedEnvironments,
                UpdatedBy = change.Actor,
                UpdatedAt = now,
                Version = NextVersion(),
            };
            var audit = AuditRecords.Describe(AuditAction.ProjectUpdated, change, now, update.Key, null, null);
            Commit(Record(audit) with { Project = updated }, current, updated);
            return Task.FromResult(updated);
        }
    }

    public Task<ProjectEnvironment> CreateEnvironmentAsync(NewEnvironment environment, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            var project = RequireProject(environment.ProjectKey);
            if (project.Environments.Any(e => e.Key == environment.Key))
            {
                throw new AlreadyExistsException("Environment", environment.Key);
            }
            var now = _time.UtcNowMicroseconds();
            var version = NextVersion();
            var created = new ProjectEnvironment
            {
                ProjectKey = environment.ProjectKey,
                Key = environment.Key,
                Name = environment.Name,
                Order = environment.Order,
                Protected = environment.Protected,
                CreatedBy = change.Actor,
                CreatedAt = now,
                UpdatedBy = change.Actor,
                UpdatedAt = now,
                Version = version,
            };
            var states = project.Flags.Values
                .Select(e => FlagState.Initial(e.Details.Flag, environment.Key, change.Actor, now) with { Version = version })
                .ToValueList();
            var audit = AuditRecords.Describe(AuditAction.EnvironmentCreated, change, now, environment.ProjectKey, environment.Key, null);
            Commit(Record(audit) with { Environment = created, States = states }, null, created);
            return Task.FromResult(created);
        }
    }

    public Task<ProjectEnvironment> UpdateEnvironmentAsync(EnvironmentUpdate update, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            var project = RequireProject(update.ProjectKey);
            var current = project.Environments.FirstOrDefault(e => e.Key == update.Key)
                ?? throw new NotFoundException("Environment", update.Key);
            VersionConflictException.ThrowIfStale("Environment", update.Key, current.Version, update.ExpectedVersion, current, current.UpdatedBy, current.UpdatedAt);
            if (!update.Changes(current))
            {
                return Task.FromResult(current);
            }
            var now = _time.UtcNowMicroseconds();
            var updated = current with
            {
                Name = update.Name,
                Order = update.Order,
                Protected = update.Protected,
                UpdatedBy = change.Actor,
                UpdatedAt = now,
                Version = NextVersion(),
            };
            var audit = AuditRecords.Describe(AuditAction.EnvironmentUpdated, change, now, update.ProjectKey, update.Key, null);
            Commit(Record(audit) with { Environment = updated }, current, updated);
            return Task.FromResult(updated);
        }
    }

    public Task<FlagDetails> CreateFlagAsync(NewFlag flag, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            var project = RequireProject(flag.ProjectKey);
            if (project.Flags.ContainsKey(flag.Key))
            {
                throw new AlreadyExistsException("Flag", flag.Key);
            }
            var now = _time.UtcNowMicroseconds();
            var version = NextVersion();
            var created = new Flag
            {
                ProjectKey = flag.ProjectKey,
                Key = flag.Key,
                Name = flag.Name,
                Description = flag.Description ?? "",
                Kind = flag.Kind,
                VariantType = flag.VariantType,
                Variants = flag.Variants,
                Tags = flag.Tags,
                Owner = flag.Owner,
                CreatedBy = change.Actor,
                CreatedAt = now,
                UpdatedBy = change.Actor,
                UpdatedAt = now,
                Version = version,
            };
            var states = project.Environments
                .Select(e => FlagState.Initial(created, e.Key, change.Actor, now) with { Version = version })
                .ToValueList();
            var audit = AuditRecords.Describe(AuditAction.FlagCreated, change, now, flag.ProjectKey, null, flag.Key);
            Commit(Record(audit) with { Flag = created, States = states }, null, created);
            return Task.FromResult(new FlagDetails(created, states));
        }
    }

    public Task<Flag> UpdateFlagAsync(FlagUpdate update, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            var current = RequireFlag(RequireProject(update.ProjectKey), update.Key).Details;
            var flag = current.Flag;
            VersionConflictException.ThrowIfStale("Flag", update.Key, flag.Version, update.ExpectedVersion, flag, flag.UpdatedBy, flag.UpdatedAt);
            if (!update.Changes(flag))
            {
                return Task.FromResult(flag);
            }
            FlagValidator.EnsureVariantsServeStates(update.Variants, current.States);
            var now = _time.UtcNowMicroseconds();
            var updated = flag with
            {
                Name = update.Name,
                Description = update.Description ?? "",
                Variants = update.Variants,
                Tags = update.Tags,
                Owner = update.Owner,
                UpdatedBy = change.Actor,
                UpdatedAt = now,
                Version = NextVersion(),
            };
            var audit = AuditRecords.Describe(AuditAction.FlagUpdated, change, now, update.ProjectKey, null, update.Key);
            Commit(Record(audit) with { Flag = updated }, flag, updated);
            return Task.FromResult(updated);
        }
    }

    public Task<FlagState> UpdateStateAsync(FlagStateUpdate update, ChangeContext change, CancellationToken cancellationToken = default) =>
        Task.FromResult(UpdateState(update, change, cancellationToken));

    /// <summary>The synchronous core of <see cref="UpdateStateAsync"/>.</summary>
    public FlagState UpdateState(FlagStateUpdate update, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            var details = RequireFlag(RequireProject(update.ProjectKey), update.FlagKey).Details;
            var current = details.StateIn(update.EnvironmentKey) ?? throw new NotFoundException("Environment", update.EnvironmentKey);
            VersionConflictException.ThrowIfStale("Flag state", $"{update.FlagKey}/{update.EnvironmentKey}", current.Version, update.ExpectedVersion, current, current.UpdatedBy, current.UpdatedAt);
            if (!update.Changes(current))
            {
                return current;
            }
            var now = _time.UtcNowMicroseconds();
            var updated = update.ToState(change.Actor, now) with { Version = NextVersion() };
            FlagValidator.EnsureVariantsServeState(details.Flag.Variants, updated);
            var audit = AuditRecords.Describe(AuditRecords.ActionFor(current, updated), change, now, update.ProjectKey, update.EnvironmentKey, update.FlagKey);
            Commit(Record(audit) with { States = [updated] }, current, updated);
            return updated;
        }
    }

    public Task<Flag> SetArchivedAsync(string projectKey, string flagKey, uint expectedVersion, bool archived, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            var flag = RequireFlag(RequireProject(projectKey), flagKey).Details.Flag;
            VersionConflictException.ThrowIfStale("Flag", flagKey, flag.Version, expectedVersion, flag, flag.UpdatedBy, flag.UpdatedAt);
            var now = _time.UtcNowMicroseconds();
            var updated = flag with { Archived = archived, UpdatedBy = change.Actor, UpdatedAt = now, Version = NextVersion() };
            var action = archived ? AuditAction.FlagArchived : AuditAction.FlagUnarchived;
            var audit = AuditRecords.Describe(action, change, now, projectKey, null, flagKey);
            Commit(Record(audit) with { Flag = updated }, flag, updated);
            return Task.FromResult(updated);
        }
    }

    public Task DeleteFlagAsync(string projectKey, string flagKey, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            var flag = RequireFlag(RequireProject(projectKey), flagKey).Details.Flag;
            VersionConflictException.ThrowIfStale("Flag", flagKey, flag.Version, expectedVersion, flag, flag.UpdatedBy, flag.UpdatedAt);
            var audit = AuditRecords.Describe(AuditAction.FlagDeleted, change, _time.UtcNowMicroseconds(), projectKey, null, flagKey);
            Commit(Record(audit) with { DeletedFlagKey = flagKey }, flag, null);
            return Task.CompletedTask;
        }
    }
}
