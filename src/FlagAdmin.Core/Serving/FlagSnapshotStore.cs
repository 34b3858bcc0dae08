using System.Collections.Concurrent;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Core.Serving;

/// <summary>
/// The live flags applications are served from: one immutable <see cref="EnvironmentSnapshot"/> per
/// (project, environment), read without locks and replaced with a single reference write. Changes are
/// applied one flag at a time by re-reading that flag from the store; re-reads and swaps are serialized,
/// so a slower re-read can never put back an older state than a faster one already applied.
/// </summary>
public sealed class FlagSnapshotStore(IFlagRepository repository) : IFlagChangeNotifier
{
    private const int LoadPageSize = FlagQuery.MaxLimit;
    private readonly ConcurrentDictionary<(string Project, string Environment), EnvironmentSnapshot> _snapshots = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _loaded;

    /// <summary>True once <see cref="LoadAllAsync"/> has completed: every environment has been loaded once.</summary>
    public bool IsLoaded => _loaded;

    /// <summary>Raised after a snapshot was replaced, on the thread that replaced it; handlers must be quick and must not throw.</summary>
    public event Action<SnapshotChange>? Changed;

    /// <summary>The current snapshot of an environment, or null when the project or environment does not exist.</summary>
    public EnvironmentSnapshot? Find(string projectKey, string environmentKey) =>
        _snapshots.TryGetValue((projectKey, environmentKey), out var snapshot) ? snapshot : null;

    /// <summary>The current snapshot of every environment, in no particular order.</summary>
    public IEnumerable<EnvironmentSnapshot> All => _snapshots.Values;

    /// <summary>Loads every environment of every project. Call once at start-up; readiness waits for it.</summary>
    public async Task LoadAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var project in await repository.ListProjectsAsync(cancellationToken))
        {
            await ProjectChangedAsync(project.Key, "start-up", cancellationToken);
        }
        _loaded = true;
    }

    public async Task FlagChangedAsync(string projectKey, string flagKey, string actor, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var details = await repository.GetFlagAsync(projectKey, flagKey, cancellationToken);
            foreach (var key in _snapshots.Keys.Where(k => k.Project == projectKey))
            {
                var current = _snapshots[key];
                var state = details?.StateIn(key.Environment);
                var next = state is null ? current.Without(flagKey) : current.With(CompiledFlag.Compile(details!.Flag, state));
                Publish(key, current, next, flagKey, actor);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ProjectChangedAsync(string projectKey, string actor, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var environments = await repository.ListEnvironmentsAsync(projectKey, cancellationToken);
            var flags = await ReadAllFlagsAsync(projectKey, cancellationToken);
            foreach (var environment in environments)
            {
                var key = (projectKey, environment.Key);
                var current = Find(projectKey, environment.Key);
                var compiled = flags.Values
                    .Select(d => d.StateIn(environment.Key) is { } state ? CompiledFlag.Compile(d.Flag, state) : null)
                    .OfType<CompiledFlag>();
                var next = EnvironmentSnapshot.Create(projectKey, environment.Key, compiled, (current?.Version ?? 0) + 1);
                Publish(key, current, next, null, actor);
            }
            foreach (var gone in _snapshots.Keys.Where(k => k.Project == projectKey && environments.All(e => e.Key != k.Environment)).ToList())
            {
                _snapshots.TryRemove(gone, out _);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<string, FlagDetails>> ReadAllFlagsAsync(string projectKey, CancellationToken cancellationToken)
    {
        // Keyed by flag key: a flag created while paging may shift a page and appear twice.
        var flags = new Dictionary<string, FlagDetails>(StringComparer.Ordinal);
        for (var offset = 0; ; offset += LoadPageSize)
        {
            var page = await repository.QueryFlagsAsync(
                new FlagQuery { ProjectKey = projectKey, Archived = null, Offset = offset, Limit = LoadPageSize }, cancellationToken);
            foreach (var details in page.Items)
            {
                flags[details.Flag.Key] = details;
            }
            if (!page.HasMore)
            {
                return flags;
            }
        }
    }

    private void Publish((string Project, string Environment) key, EnvironmentSnapshot? current, EnvironmentSnapshot next, string? flagKey, string actor)
    {
        if (ReferenceEquals(current, next))
        {
            return;
        }
        _snapshots[key] = next;
        Changed?.Invoke(new SnapshotChange(key.Project, key.Environment, flagKey, actor, next.Version));
    }
}
