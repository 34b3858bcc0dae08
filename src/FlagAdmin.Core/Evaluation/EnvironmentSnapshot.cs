using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace FlagAdmin.Core.Evaluation;

/// <summary>
/// Every compiled flag of one (project, environment), keyed by flag key. Immutable: readers need no lock,
/// and <see cref="With"/> / <see cref="Without"/> return a new snapshot that shares all untouched flags
/// with this one (an O(log n) persistent tree), so applying one change never rebuilds the environment.
/// The live store holding the current snapshot publishes a new one with a single reference write
/// (<c>Volatile.Write</c> or <c>Interlocked.CompareExchange</c>); writers must be serialized per
/// environment, or two changes built on the same snapshot would lose one.
/// </summary>
public sealed class EnvironmentSnapshot
{
    private static readonly ImmutableSortedDictionary<string, CompiledFlag> NoFlags =
        ImmutableSortedDictionary.Create<string, CompiledFlag>(StringComparer.Ordinal);

    private readonly ImmutableSortedDictionary<string, CompiledFlag> _flags;
    private CompiledFlag[]? _active;

    private EnvironmentSnapshot(string projectKey, string environmentKey, ImmutableSortedDictionary<string, CompiledFlag> flags, long version, ulong fingerprint)
    {
        ProjectKey = projectKey;
        EnvironmentKey = environmentKey;
        _flags = flags;
        Version = version;
        Fingerprint = fingerprint;
    }

    /// <summary>
    /// A snapshot of <paramref name="flags"/> (all of <paramref name="projectKey"/>/<paramref name="environmentKey"/>,
    /// distinct keys). Pass <paramref name="version"/> = previous version + 1 when reloading, so versions keep rising.
    /// </summary>
    public static EnvironmentSnapshot Create(string projectKey, string environmentKey, IEnumerable<CompiledFlag> flags, long version = 1)
    {
        var builder = NoFlags.ToBuilder();
        ulong fingerprint = 0;
        foreach (var flag in flags)
        {
            CheckBelongs(flag, projectKey, environmentKey);
            if (builder.ContainsKey(flag.Key))
            {
                throw new ArgumentException($"Flag '{flag.Key}' is given more than once.", nameof(flags));
            }
            builder.Add(flag.Key, flag);
            fingerprint += flag.ContentHash;
        }
        return new EnvironmentSnapshot(projectKey, environmentKey, builder.ToImmutable(), version, fingerprint);
    }

    public static EnvironmentSnapshot Empty(string projectKey, string environmentKey, long version = 1) =>
        new(projectKey, environmentKey, NoFlags, version, 0);

    public string ProjectKey { get; }
    public string EnvironmentKey { get; }

    /// <summary>Rises by one with every <see cref="With"/> or effective <see cref="Without"/>. Per process: not comparable across instances.</summary>
    public long Version { get; }

    /// <summary>
    /// The sum (mod 2^64) of the flags' <see cref="CompiledFlag.ContentHash"/>es: equal for equal content in
    /// any process or after a restart, and updated in O(1) per change. Use it (with the context) for ETags.
    /// </summary>
    public ulong Fingerprint { get; }

    public int Count => _flags.Count;

    /// <summary>All flags, archived ones included, in ordinal key order.</summary>
    public IEnumerable<CompiledFlag> Flags => _flags.Values;

    /// <summary>
    /// The flags that are not archived, in ordinal key order, as an array for fast repeated reading (bulk
    /// evaluation). Made on first use, once per snapshot: O(n) after a change, not O(log n) like the change itself.
    /// </summary>
    public ReadOnlySpan<CompiledFlag> ActiveFlags => _active ??= [.. _flags.Values.Where(f => !f.IsArchived)];

    public bool TryGetFlag(string key, [NotNullWhen(true)] out CompiledFlag? flag) => _flags.TryGetValue(key, out flag);

    public CompiledFlag? Find(string key) => _flags.TryGetValue(key, out var flag) ? flag : null;

    /// <summary>A snapshot with <paramref name="flag"/> added or replacing the flag with its key; O(log n).</summary>
    public EnvironmentSnapshot With(CompiledFlag flag)
    {
        CheckBelongs(flag, ProjectKey, EnvironmentKey);
        var fingerprint = Fingerprint + flag.ContentHash;
        if (_flags.TryGetValue(flag.Key, out var previous))
        {
            fingerprint -= previous.ContentHash;
        }
        return new EnvironmentSnapshot(ProjectKey, EnvironmentKey, _flags.SetItem(flag.Key, flag), Version + 1, fingerprint);
    }

    /// <summary>A snapshot without the flag <paramref name="key"/>; this same snapshot when there is no such flag. O(log n).</summary>
    public EnvironmentSnapshot Without(string key)
    {
        if (!_flags.TryGetValue(key, out var previous))
        {
            return this;
        }
        return new EnvironmentSnapshot(ProjectKey, EnvironmentKey, _flags.Remove(key), Version + 1, Fingerprint - previous.ContentHash);
    }

    public override string ToString() => $"{ProjectKey}/{EnvironmentKey} v{Version} ({Count} flags)";

    private static void CheckBelongs(CompiledFlag flag, string projectKey, string environmentKey)
    {
        ArgumentNullException.ThrowIfNull(flag);
        if (flag.ProjectKey != projectKey || flag.EnvironmentKey != environmentKey)
        {
            throw new ArgumentException($"Flag {flag} does not belong to {projectKey}/{environmentKey}.", nameof(flag));
        }
    }
}
