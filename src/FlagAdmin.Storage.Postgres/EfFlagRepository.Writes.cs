using System.Data.Common;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Storage.Postgres.Flags;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace FlagAdmin.Storage.Postgres;

public sealed partial class EfFlagRepository
{
    public Task<Project> CreateProjectAsync(NewProject project, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
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
            };
            var row = RowMapping.ToRow(created);
            db.Projects.Add(row);
            AddAudit(db, AuditRecords.Create<Project>(AuditAction.ProjectCreated, change, now, project.Key, null, null, null, created));
            await SaveAsync(db, ct, unique: ("Project", project.Key));
            return created with { Version = row.Version };
        }, cancellationToken);

    public Task<Project> UpdateProjectAsync(ProjectUpdate update, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            var current = await ReadProjectAsync(db, update.Key, ct) ?? throw new NotFoundException("Project", update.Key);
            VersionConflictException.ThrowIfStale("Project", update.Key, current.Version, update.ExpectedVersion, current, current.UpdatedBy, current.UpdatedAt);
            if (!update.Changes(current))
            {
                return current;
            }
            var now = _time.UtcNowMicroseconds();
            var updated = current with
            {
                Name = update.Name,
                RequireReasonInProtectedEnvironments = update.RequireReasonInProtectedEnvironments,
                UpdatedBy = change.Actor,
                UpdatedAt = now,
            };
            var row = RowMapping.ToRow(updated);
            Update(db, row, update.ExpectedVersion);
            AddAudit(db, AuditRecords.Create(AuditAction.ProjectUpdated, change, now, update.Key, null, null, current, updated));
            await SaveAsync(db, ct, onConflict: async () =>
                await ReadProjectAsync(db, update.Key, ct) is { } stored
                    ? Conflict("Project", update.Key, stored, stored.UpdatedBy, stored.UpdatedAt)
                    : new NotFoundException("Project", update.Key));
            return updated with { Version = row.Version };
        }, cancellationToken);

    public Task<ProjectEnvironment> CreateEnvironmentAsync(NewEnvironment environment, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            // Excludes flag creation and deletion (which hold the project FOR SHARE) until commit,
            // so the flags read below are exactly the ones that need a state here.
            if (!await LockProjectAsync(db, environment.ProjectKey, exclusive: true, ct))
            {
                throw new NotFoundException("Project", environment.ProjectKey);
            }
            var now = _time.UtcNowMicroseconds();
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
            };
            var row = RowMapping.ToRow(created);
            db.Environments.Add(row);
            AddAudit(db, AuditRecords.Create<ProjectEnvironment>(AuditAction.EnvironmentCreated, change, now, environment.ProjectKey, environment.Key, null, null, created));
            await SaveAsync(db, ct, unique: ("Environment", environment.Key));

            var flags = await db.Flags.AsNoTracking().Where(f => f.ProjectKey == environment.ProjectKey).ToListAsync(ct);
            if (flags.Count > 0)
            {
                var states = flags.Select(f => FlagState.Initial(RowMapping.ToDomain(f), environment.Key, change.Actor, now)).ToList();
                await InsertStatesAsync(db, environment.ProjectKey, environment.Key, states, ct);
            }
            return created with { Version = row.Version };
        }, cancellationToken);

    public Task<ProjectEnvironment> UpdateEnvironmentAsync(EnvironmentUpdate update, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            var current = await ReadEnvironmentAsync(db, update.ProjectKey, update.Key, ct)
                ?? throw await MissingProjectOrAsync(db, update.ProjectKey, "Environment", update.Key, ct);
            VersionConflictException.ThrowIfStale("Environment", update.Key, current.Version, update.ExpectedVersion, current, current.UpdatedBy, current.UpdatedAt);
            if (!update.Changes(current))
            {
                return current;
            }
            var now = _time.UtcNowMicroseconds();
            var updated = current with
            {
                Name = update.Name,
                Order = update.Order,
                Protected = update.Protected,
                UpdatedBy = change.Actor,
                UpdatedAt = now,
            };
            var row = RowMapping.ToRow(updated);
            Update(db, row, update.ExpectedVersion);
            AddAudit(db, AuditRecords.Create(AuditAction.EnvironmentUpdated, change, now, update.ProjectKey, update.Key, null, current, updated));
            await SaveAsync(db, ct, onConflict: async () =>
                await ReadEnvironmentAsync(db, update.ProjectKey, update.Key, ct) is { } stored
                    ? Conflict("Environment", update.Key, stored, stored.UpdatedBy, stored.UpdatedAt)
                    : new NotFoundException("Environment", update.Key));
            return updated with { Version = row.Version };
        }, cancellationToken);

    public Task<FlagDetails> CreateFlagAsync(NewFlag flag, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            // Keeps the environments as read here until commit (see CreateEnvironmentAsync).
            if (!await LockProjectAsync(db, flag.ProjectKey, exclusive: false, ct))
            {
                throw new NotFoundException("Project", flag.ProjectKey);
            }
            var environmentKeys = await db.Environments.AsNoTracking()
                .Where(e => e.ProjectKey == flag.ProjectKey)
                .OrderBy(e => e.Order).ThenBy(e => e.Key)
                .Select(e => e.Key)
                .ToListAsync(ct);
            var now = _time.UtcNowMicroseconds();
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
            };
            var states = environmentKeys.Select(e => FlagState.Initial(created, e, change.Actor, now)).ToList();
            var flagRow = RowMapping.ToRow(created);
            var stateRows = states.Select(RowMapping.ToRow).ToList();
            db.Flags.Add(flagRow);
            db.FlagStates.AddRange(stateRows);
            AddAudit(db, AuditRecords.Create<Flag>(AuditAction.FlagCreated, change, now, flag.ProjectKey, null, flag.Key, null, created));
            await SaveAsync(db, ct, unique: ("Flag", flag.Key));
            return new FlagDetails(
                created with { Version = flagRow.Version },
                states.Select((s, i) => s with { Version = stateRows[i].Version }).ToValueList());
        }, cancellationToken);

    public Task<Flag> UpdateFlagAsync(FlagUpdate update, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            // Locked before the states are read: a state change holds the flag FOR SHARE while it
            // checks the variants, so no state can start serving a variant this update removes.
            var rows = await db.Flags
                .FromSql($"SELECT xmin, * FROM flags WHERE project_key = {update.ProjectKey} AND key = {update.Key} FOR NO KEY UPDATE")
                .AsNoTracking().ToListAsync(ct);
            if (rows.Count == 0)
            {
                throw await MissingAsync(db, update.ProjectKey, update.Key, null, ct);
            }
            var flag = RowMapping.ToDomain(rows[0]);
            VersionConflictException.ThrowIfStale("Flag", update.Key, flag.Version, update.ExpectedVersion, flag, flag.UpdatedBy, flag.UpdatedAt);
            if (!update.Changes(flag))
            {
                return flag;
            }
            var stateRows = await StatesInEnvironmentOrder(db, update.ProjectKey, [update.Key]).ToListAsync(ct);
            FlagValidator.EnsureVariantsServeStates(update.Variants, stateRows.Select(RowMapping.ToDomain));
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
            };
            var row = RowMapping.ToRow(updated);
            Update(db, row, update.ExpectedVersion);
            AddAudit(db, AuditRecords.Create(AuditAction.FlagUpdated, change, now, update.ProjectKey, null, update.Key, flag, updated));
            await SaveAsync(db, ct, onConflict: () => FlagConflictAsync(db, update.ProjectKey, update.Key, ct));
            return updated with { Version = row.Version };
        }, cancellationToken);

    public Task<Flag> SetArchivedAsync(string projectKey, string flagKey, uint expectedVersion, bool archived, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            var flag = await ReadFlagAsync(db, projectKey, flagKey, ct) ?? throw await MissingAsync(db, projectKey, flagKey, null, ct);
            VersionConflictException.ThrowIfStale("Flag", flagKey, flag.Version, expectedVersion, flag, flag.UpdatedBy, flag.UpdatedAt);
            var now = _time.UtcNowMicroseconds();
            var updated = flag with { Archived = archived, UpdatedBy = change.Actor, UpdatedAt = now };
            var row = RowMapping.ToRow(updated);
            Update(db, row, expectedVersion);
            var action = archived ? AuditAction.FlagArchived : AuditAction.FlagUnarchived;
            AddAudit(db, AuditRecords.Create(action, change, now, projectKey, null, flagKey, flag, updated));
            await SaveAsync(db, ct, onConflict: () => FlagConflictAsync(db, projectKey, flagKey, ct));
            return updated with { Version = row.Version };
        }, cancellationToken);

    public Task DeleteFlagAsync(string projectKey, string flagKey, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            // The project FOR SHARE keeps a new environment from adding a state to a flag being deleted.
            var rows = await db.Flags
                .FromSql($"""
                    SELECT f.xmin, f.* FROM flags f JOIN projects p ON p.key = f.project_key
                    WHERE f.project_key = {projectKey} AND f.key = {flagKey}
                    FOR SHARE OF p
                    """)
                .AsNoTracking().ToListAsync(ct);
            if (rows.Count == 0)
            {
                throw await MissingAsync(db, projectKey, flagKey, null, ct);
            }
            var flag = RowMapping.ToDomain(rows[0]);
            VersionConflictException.ThrowIfStale("Flag", flagKey, flag.Version, expectedVersion, flag, flag.UpdatedBy, flag.UpdatedAt);
            var row = RowMapping.ToRow(flag);
            db.Entry(row).State = EntityState.Deleted;
            db.Entry(row).Property(r => r.Version).OriginalValue = expectedVersion;
            AddAudit(db, AuditRecords.Create<Flag>(AuditAction.FlagDeleted, change, _time.UtcNowMicroseconds(), projectKey, null, flagKey, flag, null));
            // The states go with the flag (ON DELETE CASCADE); the audit rows stay.
            await SaveAsync(db, ct, onConflict: () => FlagConflictAsync(db, projectKey, flagKey, ct));
            return true;
        }, cancellationToken);

    private static VersionConflictException Conflict(string what, string key, object current, string changedBy, DateTimeOffset changedAt) =>
        new(what, key, current, changedBy, changedAt);

    private static async Task<Exception> FlagConflictAsync(FlagAdminDbContext db, string projectKey, string flagKey, CancellationToken cancellationToken) =>
        await ReadFlagAsync(db, projectKey, flagKey, cancellationToken) is { } stored
            ? Conflict("Flag", flagKey, stored, stored.UpdatedBy, stored.UpdatedAt)
            : new NotFoundException("Flag", flagKey);

    private static async Task<Project?> ReadProjectAsync(FlagAdminDbContext db, string projectKey, CancellationToken cancellationToken)
    {
        var row = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Key == projectKey, cancellationToken);
        return row is null ? null : RowMapping.ToDomain(row);
    }

    private static async Task<ProjectEnvironment?> ReadEnvironmentAsync(FlagAdminDbContext db, string projectKey, string key, CancellationToken cancellationToken)
    {
        var row = await db.Environments.AsNoTracking().FirstOrDefaultAsync(e => e.ProjectKey == projectKey && e.Key == key, cancellationToken);
        return row is null ? null : RowMapping.ToDomain(row);
    }

    private static async Task<Flag?> ReadFlagAsync(FlagAdminDbContext db, string projectKey, string flagKey, CancellationToken cancellationToken)
    {
        var row = await db.Flags.AsNoTracking().FirstOrDefaultAsync(f => f.ProjectKey == projectKey && f.Key == flagKey, cancellationToken);
        return row is null ? null : RowMapping.ToDomain(row);
    }

    /// <summary>
    /// Locks the project row until commit: <c>FOR NO KEY UPDATE</c> when <paramref name="exclusive"/> (adding an
    /// environment), else <c>FOR SHARE</c> (adding or deleting a flag). False when there is no such project.
    /// </summary>
    private static async Task<bool> LockProjectAsync(FlagAdminDbContext db, string projectKey, bool exclusive, CancellationToken cancellationToken)
    {
        var rows = exclusive
            ? db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM projects WHERE key = {projectKey} FOR NO KEY UPDATE")
            : db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM projects WHERE key = {projectKey} FOR SHARE");
        return (await rows.ToListAsync(cancellationToken)).Count > 0;
    }

    /// <summary>Inserts many states in one statement (an environment added to a project with many flags).</summary>
    private static Task<int> InsertStatesAsync(
        FlagAdminDbContext db, string projectKey, string environmentKey, IReadOnlyList<FlagState> states, CancellationToken cancellationToken)
    {
        var flagKeys = states.Select(s => s.FlagKey).ToArray();
        var enabled = states.Select(s => s.Enabled).ToArray();
        var rollouts = states.Select(s => s.RolloutBasisPoints).ToArray();
        var onVariants = states.Select(s => s.OnVariant).ToArray();
        var offVariants = states.Select(s => s.OffVariant).ToArray();
        var rules = states.Select(s => FlagAdminJson.Serialize(s.Rules)).ToArray();
        var configs = states.Select(s => s.Config).ToArray();
        var updatedBy = states.Select(s => s.UpdatedBy).ToArray();
        var updatedAt = states.Select(s => s.UpdatedAt).ToArray();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO flag_states (project_key, flag_key, environment_key, enabled, rollout_basis_points,
                                     on_variant, off_variant, rules, config, updated_by, updated_at)
            SELECT {projectKey}, s.flag_key, {environmentKey}, s.enabled, s.rollout_basis_points,
                   s.on_variant, s.off_variant, s.rules::jsonb, s.config::json, s.updated_by, s.updated_at
            FROM unnest({flagKeys}, {enabled}, {rollouts}, {onVariants}, {offVariants}, {rules}, {configs}, {updatedBy}, {updatedAt})
                 AS s(flag_key, enabled, rollout_basis_points, on_variant, off_variant, rules, config, updated_by, updated_at)
            """, cancellationToken);
    }
}

