using System.Collections.Concurrent;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;

namespace FlagAdmin.Storage.Memory;

/// <summary>
/// Everything one project holds in memory. Readers take no lock: they read immutable values through
/// volatile references. Writers hold the repository's write lock.
/// </summary>
internal sealed class MemoryProject(Project project)
{
    private volatile Project _project = project;
    private volatile EnvironmentList _environments = new([]);
    private readonly FlagOrder?[] _orders = new FlagOrder?[Enum.GetValues<FlagSort>().Length];
    private long _generation;

    public Project Project
    {
        get => _project;
        set => _project = value;
    }

    /// <summary>Ordered by <see cref="ProjectEnvironment.Order"/>, then key.</summary>
    public ValueList<ProjectEnvironment> Environments
    {
        get => _environments.Items;
        set => _environments = new EnvironmentList(value);
    }

    public ConcurrentDictionary<string, FlagEntry> Flags { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, SdkKey> SdkKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Oldest first; read and appended under the repository's audit lock (readers must not wait for a transaction).</summary>
    public List<MemoryAuditRecord> Audit { get; } = [];

    /// <summary>Call after adding or removing a flag or changing what flags sort by; cached orders are rebuilt on next read.</summary>
    public void InvalidateOrder() => Interlocked.Increment(ref _generation);

    /// <summary>
    /// All flags in the given order, and the active and archived ones apart. Built on first use after a change and
    /// shared by readers until the next one (archiving a flag is a change of the flag, so it invalidates them too).
    /// </summary>
    public FlagOrder Sorted(FlagSort sort)
    {
        var generation = Volatile.Read(ref _generation);
        var order = Volatile.Read(ref _orders[(int)sort]);
        if (order is not null && order.Generation == generation)
        {
            return order;
        }
        var entries = Flags.Values.ToArray();
        // Sort by one snapshot of each flag: a write may swap an entry's details mid-sort, and a
        // comparison whose answer changes makes Array.Sort throw ("IComparer.Compare() method returns inconsistent results").
        var snapshot = Array.ConvertAll(entries, entry => entry.Details);
        Array.Sort(snapshot, entries, FlagOrdering.For(sort));
        var active = new List<FlagEntry>(entries.Length);
        var archived = new List<FlagEntry>();
        for (var i = 0; i < entries.Length; i++)
        {
            (snapshot[i].Flag.Archived ? archived : active).Add(entries[i]);
        }
        order = new FlagOrder(generation, entries, [.. active], [.. archived]);
        Volatile.Write(ref _orders[(int)sort], order);
        return order;
    }

    private sealed record EnvironmentList(ValueList<ProjectEnvironment> Items);
}
