using System.Data.Common;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Storage.Postgres.Flags;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace FlagAdmin.Storage.Postgres;

public sealed partial class EfFlagRepository
{
    /// <summary>A flag whose variants keep changing under a state change is reported as a conflict after this many checks.</summary>
    private const int StateWriteAttempts = 5;

    /// <summary>
    /// The hot path (a toggle and every other state change), in two round trips and no explicit transaction:
    /// a read of the state and its flag's variants, then one statement that locks the flag <c>FOR SHARE</c> if its
    /// variants are still the ones checked, replaces the state if its version is still the expected one and
    /// only then appends the audit row; it commits on its own. BEGIN and COMMIT would be two more round trips
    /// per toggle (docs/PERFORMANCE.md).
    /// </summary>
    /// <remarks>
    /// The statement is the whole write, so its audit row is written exactly when the state is. It holds the flag
    /// <c>FOR SHARE</c> as the transaction of old did, so a flag update that removes a variant (which takes the flag
    /// <c>FOR NO KEY UPDATE</c> before reading the states it checks) either sees this state or makes this statement
    /// find changed variants. Changed variants with the state untouched mean "check again": the read and the check
    /// are repeated, and a variant that is gone by then is a <see cref="ValidationException"/> as before.
    /// </remarks>
    public Task<FlagState> UpdateStateAsync(FlagStateUpdate update, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var written = await TryUpdateStateAsync(db, update, change, ct);
                if (written is not null)
                {
                    return written;
                }
                var stored = await db.FlagStates.AsNoTracking().FirstOrDefaultAsync(s =>
                    s.ProjectKey == update.ProjectKey && s.FlagKey == update.FlagKey && s.EnvironmentKey == update.EnvironmentKey, ct);
                if (stored is null)
                {
                    throw await MissingAsync(db, update.ProjectKey, update.FlagKey, update.EnvironmentKey, ct);
                }
                if (stored.Version != update.ExpectedVersion || attempt == StateWriteAttempts)
                {
                    throw Conflict("Flag state", $"{update.FlagKey}/{update.EnvironmentKey}", RowMapping.ToDomain(stored), stored.UpdatedBy, stored.UpdatedAt);
                }
            }
        }, cancellationToken, singleStatement: true);

    /// <summary>
    /// One read and one write; the written state, or null when nothing was written because the state's version
    /// or the flag's variants changed after the read, or the state is gone.
    /// </summary>
    private async Task<FlagState?> TryUpdateStateAsync(FlagAdminDbContext db, FlagStateUpdate update, ChangeContext change, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(db, ReadStateSql, [
            Text("project_key", update.ProjectKey),
            Text("flag_key", update.FlagKey),
            Text("environment_key", update.EnvironmentKey),
        ], StateForUpdate.Read, cancellationToken);
        if (found is null)
        {
            throw await MissingAsync(db, update.ProjectKey, update.FlagKey, update.EnvironmentKey, cancellationToken);
        }
        var current = found.ToState(update.ProjectKey, update.FlagKey, update.EnvironmentKey);
        VersionConflictException.ThrowIfStale(
            "Flag state", $"{update.FlagKey}/{update.EnvironmentKey}", current.Version, update.ExpectedVersion, current, current.UpdatedBy, current.UpdatedAt);
        if (!update.Changes(current))
        {
            return current; // nothing to write: the read saw this version holding exactly this state
        }
        var now = _time.UtcNowMicroseconds();
        var updated = update.ToState(change.Actor, now);
        FlagValidator.EnsureVariantsServeStates(RowMapping.ReadVariants(found.FlagVariants), [updated]);
        var audit = AuditRecords.Create(AuditRecords.ActionFor(current, updated), change, now, update.ProjectKey, update.EnvironmentKey, update.FlagKey, current, updated);
        var version = await QueryAsync(db, WriteStateSql, [
            Text("project_key", update.ProjectKey),
            Text("flag_key", update.FlagKey),
            Text("environment_key", update.EnvironmentKey),
            Json("checked_variants", NpgsqlDbType.Jsonb, found.FlagVariants),
            new NpgsqlParameter<uint>("expected_version", NpgsqlDbType.Xid) { TypedValue = update.ExpectedVersion },
            new NpgsqlParameter<bool>("enabled", NpgsqlDbType.Boolean) { TypedValue = updated.Enabled },
            new NpgsqlParameter<int>("rollout_basis_points", NpgsqlDbType.Integer) { TypedValue = updated.RolloutBasisPoints },
            Text("on_variant", updated.OnVariant),
            Text("off_variant", updated.OffVariant),
            Json("rules", NpgsqlDbType.Jsonb, FlagAdminJson.Serialize(updated.Rules)),
            Json("config", NpgsqlDbType.Json, updated.Config),
            Text("updated_by", updated.UpdatedBy),
            new NpgsqlParameter<DateTimeOffset>("updated_at", NpgsqlDbType.TimestampTz) { TypedValue = now },
            new NpgsqlParameter<DateTimeOffset>("at", NpgsqlDbType.TimestampTz) { TypedValue = audit.At },
            Text("actor", audit.Actor),
            Text("action", audit.Action.ToString()),
            Json("before", NpgsqlDbType.Json, audit.Before),
            Json("after", NpgsqlDbType.Json, audit.After),
            Text("reason", audit.Reason),
            Text("via", audit.Via),
        ], static reader => (uint?)reader.GetFieldValue<uint>(0), cancellationToken);
        return version is { } written ? updated with { Version = written } : null;
    }

    /// <summary>A state and its flag's variants, as they are now (no lock: the write checks both again).</summary>
    private const string ReadStateSql = """
        SELECT s.enabled, s.rollout_basis_points, s.on_variant, s.off_variant, s.rules::text, s.config::text,
               s.updated_by, s.updated_at, s.xmin, f.variants::text
        FROM flag_states s
        JOIN flags f ON f.project_key = s.project_key AND f.key = s.flag_key
        WHERE s.project_key = @project_key AND s.flag_key = @flag_key AND s.environment_key = @environment_key
        """;

    /// <summary>
    /// Holds the flag FOR SHARE if its variants are still the checked ones, then replaces the state if its version
    /// is still the expected one and, only then, appends the audit row: one statement, returning the new version
    /// (no row: the variants or the version changed, or the state is gone).
    /// </summary>
    private const string WriteStateSql = """
        WITH checked AS (
            SELECT 1 FROM flags
            WHERE project_key = @project_key AND key = @flag_key AND variants = @checked_variants
            FOR SHARE
        ), updated AS (
            UPDATE flag_states
            SET enabled = @enabled, rollout_basis_points = @rollout_basis_points, on_variant = @on_variant,
                off_variant = @off_variant, rules = @rules, config = @config, updated_by = @updated_by, updated_at = @updated_at
            WHERE project_key = @project_key AND flag_key = @flag_key AND environment_key = @environment_key
              AND xmin = @expected_version AND EXISTS (SELECT 1 FROM checked)
            RETURNING xmin
        ), audit AS (
            INSERT INTO audit_entries (at, actor, action, project_key, environment_key, flag_key, before, after, reason, via)
            SELECT @at, @actor, @action, @project_key, @environment_key, @flag_key, @before, @after, @reason, @via
            FROM updated
        )
        SELECT xmin FROM updated
        """;

    /// <summary>What the hot path reads: a state and its flag's variants (the columns of <see cref="ReadStateSql"/>).</summary>
    private sealed class StateForUpdate
    {
        public bool Enabled { get; init; }
        public int RolloutBasisPoints { get; init; }
        public required string OnVariant { get; init; }
        public required string OffVariant { get; init; }
        public required string Rules { get; init; }
        public string? Config { get; init; }
        public required string UpdatedBy { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public uint Version { get; init; }
        public required string FlagVariants { get; init; }

        public static StateForUpdate Read(DbDataReader reader) => new()
        {
            Enabled = reader.GetBoolean(0),
            RolloutBasisPoints = reader.GetInt32(1),
            OnVariant = reader.GetString(2),
            OffVariant = reader.GetString(3),
            Rules = reader.GetString(4),
            Config = reader.IsDBNull(5) ? null : reader.GetString(5),
            UpdatedBy = reader.GetString(6),
            UpdatedAt = reader.GetFieldValue<DateTimeOffset>(7),
            Version = reader.GetFieldValue<uint>(8),
            FlagVariants = reader.GetString(9),
        };

        public FlagState ToState(string projectKey, string flagKey, string environmentKey) => RowMapping.ToDomain(new FlagStateRow
        {
            ProjectKey = projectKey,
            FlagKey = flagKey,
            EnvironmentKey = environmentKey,
            Enabled = Enabled,
            RolloutBasisPoints = RolloutBasisPoints,
            OnVariant = OnVariant,
            OffVariant = OffVariant,
            Rules = Rules,
            Config = Config,
            UpdatedBy = UpdatedBy,
            UpdatedAt = UpdatedAt,
            Version = Version,
        });
    }
}
