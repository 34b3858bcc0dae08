using System.Collections.Concurrent;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory.Journal;

namespace FlagAdmin.Storage.Memory;

/// <summary>
/// The embedded store: dictionaries of immutable values. Reads take no lock; writes are serialized by
/// one gate (<see cref="WriteGate"/>), check versions, append to the journal (when a data file is configured) and the audit
/// list, and only then publish the new values. Versions come from one counter, like PostgreSQL's
/// transaction ids: every row a write touches gets the write's number.
/// </summary>
public sealed partial class MemoryFlagRepository : IFlagRepository, IAuditLog, ISdkKeyRepository, IUserRepository, IStoreLifetime, IDisposable, IAsyncDisposable
{
    private readonly WriteGate _writeGate;
    private readonly Lock _auditLock = new();
    private readonly ConcurrentDictionary<string, MemoryProject> _projects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SdkKey> _sdkKeysByHash = new(StringComparer.Ordinal);
    private readonly MemoryUsers _users = new();
    private readonly TimeProvider _time;
    private readonly MemoryJournal? _journal;
    private uint _lastVersion;
    private long _lastAuditId;

    public MemoryFlagRepository(TimeProvider time)
    {
        _time = time;
        _writeGate = new WriteGate(time);
    }

    /// <summary>A store kept in <paramref name="dataFile"/>: loads what it holds and appends every write to it.</summary>
    public MemoryFlagRepository(TimeProvider time, string dataFile, bool flushToDisk = true)
    {
        _time = time;
        _writeGate = new WriteGate(time);
        _journal = MemoryJournal.Open(dataFile, flushToDisk, out var records);
        foreach (var record in records)
        {
            foreach (var write in record.Batch ?? [record])
            {
                Apply(write, audit: null);
            }
        }
    }

    /// <summary>Answers at once while the store is open: it lives in this process.</summary>
    public Task PingAsync(CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken)
        : _writeGate.IsClosed ? Task.FromException(WriteGate.Closed())
        : Task.CompletedTask;

    /// <summary>Waits for the write or transaction in progress, then closes the data file (every acknowledged write is on it already).</summary>
    public async ValueTask CloseAsync() => await _writeGate.CloseAsync(() => _journal?.Dispose());

    public void Dispose() => CloseAsync().AsTask().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => CloseAsync();

    private MemoryProject RequireProject(string projectKey) =>
        _projects.TryGetValue(projectKey, out var project) ? project : throw new NotFoundException("Project", projectKey);

    private static FlagEntry RequireFlag(MemoryProject project, string flagKey) =>
        project.Flags.TryGetValue(flagKey, out var entry) ? entry : throw new NotFoundException("Flag", flagKey);

    /// <summary>
    /// Makes a write durable (when journaled), then publishes it; inside a transaction, publishes it to the
    /// transaction only and keeps it for the commit. Call holding the write gate, after every check has passed:
    /// nothing may fail between the journal append and the publication.
    /// </summary>
    private void Commit(JournalRecord record, object? before, object? after)
    {
        var audit = new MemoryAuditRecord(record.Audit ?? throw new ArgumentException("An audited write needs its audit entry.", nameof(record)), before, after);
        if (_transaction is not null)
        {
            _transaction.Stage(record, audit);
        }
        else if (_journal is not null)
        {
            record = record with { Audit = audit.Entry };
            Append(record);
        }
        Apply(record, audit);
    }

    /// <summary>Appends to the journal, when there is one; a disk that refuses is a store that is unavailable.</summary>
    private void Append(JournalRecord record)
    {
        try
        {
            _journal?.Append(record);
        }
        catch (IOException e)
        {
            throw new StoreUnavailableException(e);
        }
    }

    /// <summary>
    /// A read's answer, or a cancelled task when the caller gave up before it, as a PostgreSQL read would be; once the
    /// store is closed, <see cref="StoreUnavailableException"/>.
    /// </summary>
    private Task<T> Answer<T>(T value, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<T>(cancellationToken)
        : _writeGate.IsClosed ? Task.FromException<T>(WriteGate.Closed())
        : Task.FromResult(value);

    private JournalRecord Record(AuditEntry audit) => new() { Audit = audit with { Id = _lastAuditId + 1 } };

    private uint NextVersion() => _lastVersion + 1;

    /// <summary>
    /// Publishes a committed record; also used to replay the journal at start-up, where <paramref name="audit"/>
    /// is null and the record's complete entry is used.
    /// </summary>
    private void Apply(JournalRecord record, MemoryAuditRecord? audit)
    {
        if (record.Audit is { } entry)
        {
            audit ??= MemoryAuditRecord.FromComplete(entry);
            _lastAuditId = Math.Max(_lastAuditId, entry.Id);
        }
        _lastVersion = Math.Max(_lastVersion, MaxVersion(record));
        if (record.IsAboutUsers)
        {
            ApplyUsers(record, audit);
            return;
        }
        if (audit is null || record.Audit is null)
        {
            throw new InvalidDataException("A journal record of a project or flag change has no audit entry.");
        }
        var project = record.Project is { } newProject
            ? _projects.AddOrUpdate(newProject.Key, _ => new MemoryProject(newProject), (_, existing) =>
            {
                existing.Project = newProject;
                return existing;
            })
            : _projects[record.Audit.ProjectKey];
        if (record.Environment is { } environment)
        {
            project.Environments = project.Environments
                .Where(e => e.Key != environment.Key)
                .Append(environment)
                .OrderBy(e => e.Order).ThenBy(e => e.Key, StringComparer.Ordinal)
                .ToValueList();
        }
        ApplyFlagChanges(project, record);
        if (record.SdkKey is { } sdkKey)
        {
            project.SdkKeys[sdkKey.Id] = sdkKey;
            _sdkKeysByHash[sdkKey.SecretHash] = sdkKey;
        }
        lock (_auditLock)
        {
            project.Audit.Add(audit);
        }
    }

    private static void ApplyFlagChanges(MemoryProject project, JournalRecord record)
    {
        if (record.DeletedFlagKey is { } deleted)
        {
            project.Flags.TryRemove(deleted, out _);
            project.InvalidateOrder();
            return;
        }
        var environments = project.Environments;
        if (record.Flag is { } flag)
        {
            if (project.Flags.TryGetValue(flag.Key, out var existing))
            {
                existing.Details = new FlagDetails(flag, Merge(existing.Details.States, record.States.AsSpan(), environments));
            }
            else
            {
                project.Flags[flag.Key] = new FlagEntry(new FlagDetails(flag, Merge([], record.States.AsSpan(), environments)));
            }
            project.InvalidateOrder();
            return;
        }
        foreach (var state in record.States)
        {
            var entry = project.Flags[state.FlagKey];
            entry.Details = entry.Details with { States = Merge(entry.Details.States, new ReadOnlySpan<FlagState>(in state), environments) };
        }
        if (record.Environment is not null)
        {
            foreach (var entry in project.Flags.Values)
            {
                entry.Details = entry.Details with { States = Merge(entry.Details.States, [], environments) };
            }
        }
    }

    /// <summary>The flag's states in environment order, each taken from <paramref name="changed"/> when it has one.</summary>
    private static ValueList<FlagState> Merge(ValueList<FlagState> current, ReadOnlySpan<FlagState> changed, ValueList<ProjectEnvironment> environments)
    {
        var merged = new FlagState[environments.Count];
        var count = 0;
        foreach (var environment in environments)
        {
            var state = Find(changed, environment.Key) ?? Find(current.AsSpan(), environment.Key);
            if (state is not null)
            {
                merged[count++] = state;
            }
        }
        return ValueList.Create(merged.AsSpan(0, count));
    }

    private static FlagState? Find(ReadOnlySpan<FlagState> states, string environmentKey)
    {
        foreach (var state in states)
        {
            if (state.EnvironmentKey == environmentKey)
            {
                return state;
            }
        }
        return null;
    }

    private static uint MaxVersion(JournalRecord record)
    {
        var max = Math.Max(record.Project?.Version ?? 0, record.Environment?.Version ?? 0);
        max = Math.Max(max, Math.Max(record.Flag?.Version ?? 0, record.SdkKey?.Version ?? 0));
        max = Math.Max(max, Math.Max(record.User?.Version ?? 0, record.AccessToken?.Version ?? 0));
        foreach (var state in record.States)
        {
            max = Math.Max(max, state.Version);
        }
        return max;
    }
}
