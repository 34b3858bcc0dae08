using System.Data;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Storage.Postgres.Audit;
using FlagAdmin.Storage.Postgres.Flags;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlagAdmin.Storage.Postgres;

public sealed partial class EfFlagRepository
{
    public Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<Project>>(async (db, ct) =>
        {
            var rows = await db.Projects.AsNoTracking().OrderBy(p => p.Key).ToListAsync(ct);
            return rows.Select(RowMapping.ToDomain).ToList();
        }, cancellationToken);

    public Task<Project?> GetProjectAsync(string projectKey, CancellationToken cancellationToken = default) =>
        ReadAsync(async (db, ct) =>
        {
            var row = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Key == projectKey, ct);
            return row is null ? null : RowMapping.ToDomain(row);
        }, cancellationToken);

    public Task<IReadOnlyList<ProjectEnvironment>> ListEnvironmentsAsync(string projectKey, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<ProjectEnvironment>>(async (db, ct) =>
        {
            var rows = await db.Environments.AsNoTracking()
                .Where(e => e.ProjectKey == projectKey)
                .OrderBy(e => e.Order).ThenBy(e => e.Key)
                .ToListAsync(ct);
            return rows.Select(RowMapping.ToDomain).ToValueList();
        }, cancellationToken);

    public Task<FlagDetails?> GetFlagAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) =>
        ReadAsync(async (db, ct) =>
        {
            // One statement, so the flag and its states come from the same snapshot.
            var found = await WithStates(db, db.Flags.AsNoTracking().Where(f => f.ProjectKey == projectKey && f.Key == flagKey)).FirstOrDefaultAsync(ct);
            return found?.ToDomain();
        }, cancellationToken);

    public Task<FlagInProject?> GetFlagInProjectAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) =>
        ReadAsync(async (db, ct) =>
        {
            // One statement, so every part comes from the same snapshot. Its rows are environments times states (a
            // few dozen); the flag's states are put in environment order here rather than joined a second time.
            var found = await db.Projects.AsNoTracking()
                .Where(p => p.Key == projectKey)
                .Select(p => new
                {
                    Project = p,
                    Environments = db.Environments.Where(e => e.ProjectKey == p.Key).OrderBy(e => e.Order).ThenBy(e => e.Key).ToList(),
                    Flag = db.Flags.FirstOrDefault(f => f.ProjectKey == p.Key && f.Key == flagKey),
                    States = db.FlagStates.Where(s => s.ProjectKey == p.Key && s.FlagKey == flagKey).ToList(),
                })
                .FirstOrDefaultAsync(ct);
            if (found?.Flag is null)
            {
                return null;
            }
            var environments = found.Environments.Select(RowMapping.ToDomain).ToValueList();
            var states = environments
                .Select(e => found.States.FirstOrDefault(s => s.EnvironmentKey == e.Key))
                .OfType<FlagStateRow>()
                .Select(RowMapping.ToDomain)
                .ToValueList();
            return new FlagInProject(RowMapping.ToDomain(found.Project), environments, new FlagDetails(RowMapping.ToDomain(found.Flag), states));
        }, cancellationToken);

    public Task<FlagPage> QueryFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync(async (db, ct) =>
        {
            var syncedTo = await SyncedToAsync(db, query, ct);
            await using var transaction = await SnapshotAsync(db, query, ct);
            var page = await PageAsync(db, query, syncedTo, ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
            return page;
        }, cancellationToken);

    public Task<FlagListInProject?> QueryFlagsInProjectAsync(FlagQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync(async (db, ct) =>
        {
            var syncedTo = await SyncedToAsync(db, query, ct);
            await using var transaction = await SnapshotAsync(db, query, ct);
            var found = await db.Projects.AsNoTracking()
                .Where(p => p.Key == query.ProjectKey)
                .Select(p => new
                {
                    Project = p,
                    Environments = db.Environments.Where(e => e.ProjectKey == p.Key).OrderBy(e => e.Order).ThenBy(e => e.Key).ToList(),
                })
                .FirstOrDefaultAsync(ct);
            if (found is null)
            {
                return null;
            }
            var page = await PageAsync(db, query, syncedTo, ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
            return new FlagListInProject(RowMapping.ToDomain(found.Project), found.Environments.Select(RowMapping.ToDomain).ToValueList(), page);
        }, cancellationToken);

    /// <summary>
    /// A repeatable-read transaction, so the statements of a list read see one snapshot; none when the query reads no
    /// page (a count alone is one statement), and none inside a caller's transaction (each statement then sees what the
    /// transaction sees, its own writes included).
    /// </summary>
    private static async Task<IDbContextTransaction?> SnapshotAsync(FlagAdminDbContext db, FlagQuery query, CancellationToken ct) =>
        query.Limit > 0 && db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct)
            : null;

    private async Task<DateTimeOffset?> SyncedToAsync(FlagAdminDbContext db, FlagQuery query, CancellationToken ct) =>
        query.ModifiedSince is null ? null : await SyncWatermarkAsync(db, ct);

    /// <summary>Count, page and the page's states: three statements, whatever the page size.</summary>
    private static async Task<FlagPage> PageAsync(FlagAdminDbContext db, FlagQuery query, DateTimeOffset? syncedTo, CancellationToken ct)
    {
        var total = await CountAsync(db, query, ct);
        var offset = Math.Max(0, query.Offset);
        if (query.Limit <= 0 || total <= offset)
        {
            return new FlagPage([], total, query.Offset, query.Limit, syncedTo);
        }
        // The offset is skipped over keys alone (in key order an index-only scan of
        // ix_flags_project_key_archived_key), and only the page's rows are read whole.
        var pageKeys = Sort(db, Filter(db, query), query.Sort, query.Descending).Skip(offset).Take(query.Limit).Select(f => f.Key);
        var page = db.Flags.AsNoTracking().Where(f => f.ProjectKey == query.ProjectKey && pageKeys.Contains(f.Key));
        var rows = await Sort(db, page, query.Sort, query.Descending).ToListAsync(ct);
        var keys = rows.Select(r => r.Key).ToArray();
        var states = await StatesInEnvironmentOrder(db, query.ProjectKey, keys).ToListAsync(ct);

        var statesByFlag = states.GroupBy(s => s.FlagKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(RowMapping.ToDomain).ToValueList(), StringComparer.Ordinal);
        var items = rows.Select(r => new FlagDetails(
            RowMapping.ToDomain(r),
            statesByFlag.GetValueOrDefault(r.Key)));
        return new FlagPage(items.ToValueList(), total, query.Offset, query.Limit, syncedTo);
    }

    /// <summary>
    /// How many flags match: read from <c>flag_counts</c> when the query filters on nothing but "archived"
    /// (the usual list), else counted.
    /// </summary>
    private static async Task<int> CountAsync(FlagAdminDbContext db, FlagQuery query, CancellationToken cancellationToken)
    {
        if (!query.FiltersOnlyArchived)
        {
            return await Filter(db, query).CountAsync(cancellationToken);
        }
        var counts = await db.FlagCounts.AsNoTracking()
            .Where(c => c.ProjectKey == query.ProjectKey)
            .Select(c => new { c.Total, c.Active })
            .FirstOrDefaultAsync(cancellationToken);
        return counts is null ? 0 : query.Archived switch
        {
            null => counts.Total,
            true => counts.Total - counts.Active,
            false => counts.Active,
        };
    }

    /// <summary>The filters of <see cref="FlagQuery"/>, meaning what the memory store's matcher means.</summary>
    private static IQueryable<FlagRow> Filter(FlagAdminDbContext db, FlagQuery query)
    {
        var flags = db.Flags.AsNoTracking().Where(f => f.ProjectKey == query.ProjectKey);
        if (query.Archived is { } archived)
        {
            flags = flags.Where(f => f.Archived == archived);
        }
        if (query.Owner is { } owner)
        {
            flags = flags.Where(f => f.Owner == owner);
        }
        if (query.Tags.Count > 0)
        {
            var tags = query.Tags.ToArray();
            flags = flags.Where(f => tags.All(t => f.Tags.Contains(t)));
        }
        if (query.Search is { } search)
        {
            if (search.Contains('\0'))
            {
                // PostgreSQL text cannot hold NUL, so no stored flag can contain it.
                return flags.Where(f => false);
            }
            var pattern = LikePattern(search);
            // The "default" collation folds case beyond ASCII, as OrdinalIgnoreCase does; "C" would fold only A-Z.
            flags = flags.Where(f =>
                EF.Functions.ILike(EF.Functions.Collate(f.Key, "default"), pattern, LikeEscape)
                || EF.Functions.ILike(EF.Functions.Collate(f.Name, "default"), pattern, LikeEscape)
                || EF.Functions.ILike(f.Description, pattern, LikeEscape));
        }
        if (query.EnvironmentKey is { } environmentKey && query.Enabled is { } enabled)
        {
            flags = flags.Where(f => db.FlagStates.Any(s =>
                s.ProjectKey == f.ProjectKey && s.FlagKey == f.Key && s.EnvironmentKey == environmentKey && s.Enabled == enabled));
        }
        if (query.ModifiedSince is { } since)
        {
            flags = ModifiedSince(db, flags, query.ProjectKey, MicrosecondCeiling(since));
        }
        if (query.After is { } after)
        {
            flags = After(db, flags, after);
        }
        return flags;
    }

    private const string LikeEscape = "\\";

    /// <summary>A pattern matching <paramref name="text"/> literally anywhere: %, _ and the escape character lose their meaning.</summary>
    internal static string LikePattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>The sort field, then the key; descending reverses both (key and name are in the "C" collation).</summary>
    private static IQueryable<FlagRow> Sort(FlagAdminDbContext db, IQueryable<FlagRow> flags, FlagSort sort, bool descending) => (sort, descending) switch
    {
        (FlagSort.ModifiedAt, _) => ByLastChange(db, flags, descending),
        (FlagSort.Name, false) => flags.OrderBy(f => f.Name).ThenBy(f => f.Key),
        (FlagSort.Name, true) => flags.OrderByDescending(f => f.Name).ThenByDescending(f => f.Key),
        (FlagSort.CreatedAt, false) => flags.OrderBy(f => f.CreatedAt).ThenBy(f => f.Key),
        (FlagSort.CreatedAt, true) => flags.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Key),
        (FlagSort.UpdatedAt, false) => flags.OrderBy(f => f.UpdatedAt).ThenBy(f => f.Key),
        (FlagSort.UpdatedAt, true) => flags.OrderByDescending(f => f.UpdatedAt).ThenByDescending(f => f.Key),
        (_, false) => flags.OrderBy(f => f.Key),
        (_, true) => flags.OrderByDescending(f => f.Key),
    };

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync(async (db, ct) =>
        {
            if (query.Limit <= 0)
            {
                return new AuditPage([], null);
            }
            var entries = db.AuditEntries.AsNoTracking().Where(a => a.ProjectKey == query.ProjectKey);
            if (query.BeforeId is { } beforeId)
            {
                entries = entries.Where(a => a.Id < beforeId);
            }
            if (query.FlagKey is { } flagKey)
            {
                entries = entries.Where(a => a.FlagKey == flagKey);
            }
            if (query.EnvironmentKey is { } environmentKey)
            {
                entries = entries.Where(a => a.EnvironmentKey == environmentKey);
            }
            if (query.Actor is { } actor)
            {
                entries = entries.Where(a => a.Actor == actor);
            }
            if (query.Action is { } action)
            {
                entries = entries.Where(a => a.Action == action);
            }
            if (query.From is { } from)
            {
                var bound = MicrosecondCeiling(from);
                entries = entries.Where(a => a.At >= bound);
            }
            if (query.To is { } to)
            {
                var bound = MicrosecondCeiling(to);
                entries = entries.Where(a => a.At < bound);
            }
            // One more than asked tells whether there is a next page.
            var rows = query.From is not null && query.To is not null
                ? await InRangeNewestFirstAsync(db, entries, query.Limit + 1, ct)
                : await entries.OrderByDescending(a => a.Id).Take(query.Limit + 1).ToListAsync(ct);
            var hasMore = rows.Count > query.Limit;
            var items = rows.Take(query.Limit).Select(RowMapping.ToDomain).ToValueList();
            return new AuditPage(items, hasMore ? items[^1].Id : null);
        }, cancellationToken);

    /// <summary>
    /// A page of a closed time range. PostgreSQL assumes matching entries are spread evenly over the id order, so
    /// it would walk the id index from the newest entry and skip everything after the range (all of it, for a day
    /// long ago). Ordering by <c>id + 0</c> takes the id index out of the choice: the range is read from the time
    /// index (work in proportion to the range, not to its age), its newest ids picked, then those rows fetched.
    /// </summary>
    private static async Task<List<AuditEntryRow>> InRangeNewestFirstAsync(FlagAdminDbContext db, IQueryable<AuditEntryRow> entries, int count, CancellationToken ct)
    {
        var ids = entries.OrderByDescending(a => a.Id + 0).Select(a => a.Id).Take(count);
        return await db.AuditEntries.AsNoTracking().Where(a => ids.Contains(a.Id)).OrderByDescending(a => a.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Stored times are whole microseconds, so "at ≥ t" and "at &lt; t" mean the same with t rounded up to
    /// the next microsecond; PostgreSQL would otherwise cut t down and match one microsecond too many.
    /// </summary>
    internal static DateTimeOffset MicrosecondCeiling(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        var remainder = ticks % TimeSpan.TicksPerMicrosecond;
        return new DateTimeOffset(remainder == 0 ? ticks : ticks - remainder + TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
    }
}
