using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Storage.Postgres.Flags;
using Microsoft.EntityFrameworkCore;

namespace FlagAdmin.Storage.Postgres;

public sealed partial class EfFlagRepository
{
    public Task<int> CountFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync((db, ct) => CountAsync(db, query, ct), cancellationToken);

    public Task<IReadOnlyList<FlagDetails>> GetFlagsAsync(string projectKey, IReadOnlyList<string> flagKeys, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<FlagDetails>>(async (db, ct) =>
        {
            var keys = flagKeys.Distinct(StringComparer.Ordinal).ToArray();
            // One statement, so every flag and its states come from the same snapshot.
            var rows = await WithStates(db, db.Flags.AsNoTracking().Where(f => f.ProjectKey == projectKey && keys.Contains(f.Key))).ToListAsync(ct);
            var byKey = rows.ToDictionary(r => r.Flag.Key, StringComparer.Ordinal);
            return keys.Where(byKey.ContainsKey).Select(k => byKey[k].ToDomain()).ToList();
        }, cancellationToken);

    public Task<uint?> GetFlagVersionAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) =>
        ReadAsync((db, ct) => db.Flags.AsNoTracking()
            .Where(f => f.ProjectKey == projectKey && f.Key == flagKey)
            .Select(f => (uint?)f.Version)
            .FirstOrDefaultAsync(ct), cancellationToken);

    /// <summary>A flag row with its state rows in environment order (then key), read in the same statement.</summary>
    private sealed class FlagRowWithStates
    {
        public required FlagRow Flag { get; init; }
        public required List<FlagStateRow> States { get; init; }

        public FlagDetails ToDomain() => new(RowMapping.ToDomain(Flag), States.Select(RowMapping.ToDomain).ToValueList());
    }

    private static IQueryable<FlagRowWithStates> WithStates(FlagAdminDbContext db, IQueryable<FlagRow> flags) =>
        flags.Select(f => new FlagRowWithStates
        {
            Flag = f,
            States = (from s in db.FlagStates
                      join e in db.Environments on new { P = s.ProjectKey, K = s.EnvironmentKey } equals new { P = e.ProjectKey, K = e.Key }
                      where s.ProjectKey == f.ProjectKey && s.FlagKey == f.Key
                      orderby e.Order, e.Key
                      select s).ToList(),
        });

    /// <summary>A flag row with the time of its last change: its own, or its latest state's when that is later.</summary>
    private sealed class FlagRowWithLastChange
    {
        public required FlagRow Flag { get; init; }
        public DateTimeOffset ModifiedAt { get; init; }
    }

    private static IQueryable<FlagRowWithLastChange> WithLastChange(FlagAdminDbContext db, IQueryable<FlagRow> flags) =>
        flags.Select(f => new FlagRowWithLastChange
        {
            Flag = f,
            ModifiedAt = db.FlagStates
                .Where(s => s.ProjectKey == f.ProjectKey && s.FlagKey == f.Key && s.UpdatedAt > f.UpdatedAt)
                .Max(s => (DateTimeOffset?)s.UpdatedAt) ?? f.UpdatedAt,
        });

    /// <summary>
    /// Flags changed at or after <paramref name="bound"/>: the keys of flags and of states changed since then, each found
    /// on its own (project, updated_at) index, so a short list of changes costs no scan of the project.
    /// </summary>
    private static IQueryable<FlagRow> ModifiedSince(FlagAdminDbContext db, IQueryable<FlagRow> flags, string projectKey, DateTimeOffset bound)
    {
        var changed = db.Flags.Where(f => f.ProjectKey == projectKey && f.UpdatedAt >= bound).Select(f => f.Key)
            .Union(db.FlagStates.Where(s => s.ProjectKey == projectKey && s.UpdatedAt >= bound).Select(s => s.FlagKey));
        return flags.Where(f => changed.Contains(f.Key));
    }

    private static IQueryable<FlagRow> After(FlagAdminDbContext db, IQueryable<FlagRow> flags, FlagPosition after) =>
        WithLastChange(db, flags)
            .Where(p => p.ModifiedAt > after.ModifiedAt || (p.ModifiedAt == after.ModifiedAt && string.Compare(p.Flag.Key, after.Key) > 0))
            .Select(p => p.Flag);

    private static IQueryable<FlagRow> ByLastChange(FlagAdminDbContext db, IQueryable<FlagRow> flags, bool descending)
    {
        var positioned = WithLastChange(db, flags);
        var sorted = descending
            ? positioned.OrderByDescending(p => p.ModifiedAt).ThenByDescending(p => p.Flag.Key)
            : positioned.OrderBy(p => p.ModifiedAt).ThenBy(p => p.Flag.Key);
        return sorted.Select(p => p.Flag);
    }

    /// <summary>
    /// <see cref="FlagPage.SyncedTo"/> for a read about to begin: this process's time now, or the start of the oldest
    /// transaction open in this database if earlier. Run it before the read's own snapshot is taken, so whatever committed
    /// before it is in that snapshot. The transaction's age is measured on the server's clock and taken from this process's
    /// time, so the two clocks need not agree; other roles' sessions show no start and are not counted.
    /// </summary>
    private async Task<DateTimeOffset> SyncWatermarkAsync(FlagAdminDbContext db, CancellationToken cancellationToken)
    {
        var readAt = _time.GetUtcNow();
        var age = await QueryAsync(db, OldestTransactionAgeSql, [], static reader => reader.IsDBNull(0) ? (TimeSpan?)null : reader.GetFieldValue<TimeSpan>(0), cancellationToken);
        return SyncWatermark.Of(readAt, age is { } open ? readAt - open : null);
    }

    private const string OldestTransactionAgeSql = """
        SELECT clock_timestamp() - min(xact_start)
        FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
        """;
}
