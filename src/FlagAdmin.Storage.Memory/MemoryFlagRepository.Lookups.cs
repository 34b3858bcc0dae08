using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Storage.Memory;

public sealed partial class MemoryFlagRepository
{
    public Task<int> CountFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default)
    {
        if (!_projects.TryGetValue(query.ProjectKey, out var project))
        {
            return Answer(0, cancellationToken);
        }
        if (query.FiltersOnlyArchived)
        {
            return Answer(project.Sorted(FlagSort.Key).With(query.Archived).Length, cancellationToken);
        }
        var count = 0;
        foreach (var entry in project.Flags.Values)
        {
            if (FlagMatcher.Matches(entry.Details, query))
            {
                count++;
            }
        }
        return Answer(count, cancellationToken);
    }

    public Task<IReadOnlyList<FlagDetails>> GetFlagsAsync(string projectKey, IReadOnlyList<string> flagKeys, CancellationToken cancellationToken = default)
    {
        var found = new List<FlagDetails>(flagKeys.Count);
        if (_projects.TryGetValue(projectKey, out var project))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in flagKeys)
            {
                if (seen.Add(key) && project.Flags.TryGetValue(key, out var entry))
                {
                    found.Add(entry.Details);
                }
            }
        }
        return Answer<IReadOnlyList<FlagDetails>>(found, cancellationToken);
    }

    public Task<uint?> GetFlagVersionAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) =>
        Answer(GetFlag(projectKey, flagKey)?.Flag.Version, cancellationToken);

    /// <summary>
    /// A page in <see cref="FlagSort.ModifiedAt"/> order. A state change moves a flag in this order without touching the
    /// project's cached orders, so the matching flags are sorted on every read (by one snapshot of each).
    /// </summary>
    private static FlagPage PageByLastChange(MemoryProject project, FlagQuery query)
    {
        var matching = new List<(FlagPosition Position, FlagDetails Details)>();
        foreach (var entry in project.Flags.Values)
        {
            var details = entry.Details;
            if (FlagMatcher.Matches(details, query))
            {
                matching.Add((FlagPosition.Of(details), details));
            }
        }
        matching.Sort((a, b) =>
        {
            var order = a.Position.ModifiedAt.CompareTo(b.Position.ModifiedAt);
            order = order != 0 ? order : string.CompareOrdinal(a.Position.Key, b.Position.Key);
            return query.Descending ? -order : order;
        });
        var page = matching.Skip(Math.Max(0, query.Offset)).Take(Math.Max(0, query.Limit)).Select(m => m.Details);
        return new FlagPage(page.ToValueList(), matching.Count, query.Offset, query.Limit);
    }
}
