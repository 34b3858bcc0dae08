using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Storage.Memory;

public sealed partial class MemoryFlagRepository
{
    public Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<Project>>(_projects.Values.Select(p => p.Project).OrderBy(p => p.Key, StringComparer.Ordinal).ToList(), cancellationToken);

    public Task<Project?> GetProjectAsync(string projectKey, CancellationToken cancellationToken = default) =>
        Answer(_projects.TryGetValue(projectKey, out var project) ? project.Project : null, cancellationToken);

    public Task<IReadOnlyList<ProjectEnvironment>> ListEnvironmentsAsync(string projectKey, CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<ProjectEnvironment>>(
            _projects.TryGetValue(projectKey, out var project) ? project.Environments : ValueList<ProjectEnvironment>.Empty, cancellationToken);

    public Task<FlagDetails?> GetFlagAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) =>
        Answer(GetFlag(projectKey, flagKey), cancellationToken);

    /// <summary>The synchronous core of <see cref="GetFlagAsync"/>: two dictionary look-ups, no copy (values are immutable).</summary>
    public FlagDetails? GetFlag(string projectKey, string flagKey) =>
        _projects.TryGetValue(projectKey, out var project) && project.Flags.TryGetValue(flagKey, out var entry)
            ? entry.Details
            : null;

    public Task<FlagInProject?> GetFlagInProjectAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) =>
        Answer(_projects.TryGetValue(projectKey, out var project) && project.Flags.TryGetValue(flagKey, out var entry)
            ? new FlagInProject(project.Project, project.Environments, entry.Details)
            : null, cancellationToken);

    public Task<FlagPage> QueryFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default) =>
        Answer(QueryFlags(query), cancellationToken);

    public Task<FlagListInProject?> QueryFlagsInProjectAsync(FlagQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(_projects.TryGetValue(query.ProjectKey, out var project)
            ? new FlagListInProject(project.Project, project.Environments, QueryFlags(query))
            : null);

    public FlagPage QueryFlags(FlagQuery query)
    {
        // Before looking at any flag: a write published after this read began carries a time at or after the watermark.
        var syncedTo = query.ModifiedSince is null ? (DateTimeOffset?)null : SyncWatermark.Of(_time.GetUtcNow(), _writeGate.HeldSince);
        if (!_projects.TryGetValue(query.ProjectKey, out var project))
        {
            return new FlagPage([], 0, query.Offset, query.Limit, syncedTo);
        }
        if (query.Sort == FlagSort.ModifiedAt)
        {
            return PageByLastChange(project, query) with { SyncedTo = syncedTo };
        }
        var order = project.Sorted(query.Sort);
        if (query.FiltersOnlyArchived)
        {
            return PageByPosition(order.With(query.Archived), query);
        }
        var sorted = order.All;
        var page = new List<FlagDetails>(Math.Min(query.Limit, sorted.Length));
        var total = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var details = sorted[query.Descending ? sorted.Length - 1 - i : i].Details;
            if (!FlagMatcher.Matches(details, query))
            {
                continue;
            }
            if (total >= query.Offset && page.Count < query.Limit)
            {
                page.Add(details);
            }
            total++;
        }
        return new FlagPage(page.ToValueList(), total, query.Offset, query.Limit, syncedTo);
    }

    /// <summary>A page of flags that all match: found by position, without looking at the others.</summary>
    private static FlagPage PageByPosition(FlagEntry[] matching, FlagQuery query)
    {
        var start = Math.Max(0, query.Offset);
        var count = Math.Max(0, Math.Min(query.Limit, matching.Length - start));
        var page = new FlagDetails[count];
        for (var i = 0; i < count; i++)
        {
            var position = start + i;
            page[i] = matching[query.Descending ? matching.Length - 1 - position : position].Details;
        }
        return new FlagPage(page.ToValueList(), matching.Length, query.Offset, query.Limit);
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var audit = query.ProjectKey == UserAudit.ProjectKey ? _users.Audit
            : _projects.TryGetValue(query.ProjectKey, out var project) ? project.Audit
            : null;
        if (audit is null)
        {
            return Answer(new AuditPage([], null), cancellationToken);
        }
        var items = new List<AuditEntry>(Math.Min(query.Limit, 64));
        var hasMore = false;
        lock (_auditLock)
        {
            for (var i = audit.Count - 1; i >= 0; i--)
            {
                var record = audit[i];
                if (!Matches(record.Header, query))
                {
                    continue;
                }
                if (items.Count == query.Limit)
                {
                    hasMore = true;
                    break;
                }
                items.Add(record.Entry);
            }
        }
        return Answer(new AuditPage(items.ToValueList(), hasMore ? items[^1].Id : null), cancellationToken);
    }

    private static bool Matches(AuditEntry entry, AuditQuery query) =>
        (query.BeforeId is not { } beforeId || entry.Id < beforeId)
        && (query.FlagKey is null || entry.FlagKey == query.FlagKey)
        && (query.EnvironmentKey is null || entry.EnvironmentKey == query.EnvironmentKey)
        && (query.Actor is null || entry.Actor == query.Actor)
        && (query.Action is null || entry.Action == query.Action)
        && (query.From is not { } from || entry.At >= from)
        && (query.To is not { } to || entry.At < to);
}
