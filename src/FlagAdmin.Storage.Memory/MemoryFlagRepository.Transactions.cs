using FlagAdmin.Core.Flags;
using FlagAdmin.Storage.Memory.Journal;

namespace FlagAdmin.Storage.Memory;

/// <summary>
/// Transactions: the work runs on a private copy of the projects while this store's write gate is held, so the
/// copy stays exactly what is stored and the versions and audit ids it hands out are the next ones. When the
/// work returns, its writes go to the journal as one line and are published together; when it throws, the copy
/// is dropped. Readers see the store as it was until the publication.
/// </summary>
public sealed partial class MemoryFlagRepository
{
    private readonly MemoryTransaction? _transaction;

    /// <summary>A copy of <paramref name="store"/>'s projects (not their audit history, nor users) writing into <paramref name="transaction"/>.</summary>
    private MemoryFlagRepository(MemoryFlagRepository store, MemoryTransaction transaction)
    {
        _time = store._time;
        _writeGate = new WriteGate(store._time);
        _transaction = transaction;
        _lastVersion = store._lastVersion;
        _lastAuditId = store._lastAuditId;
        foreach (var (key, project) in store._projects)
        {
            var copy = new MemoryProject(project.Project) { Environments = project.Environments };
            foreach (var (flagKey, entry) in project.Flags)
            {
                copy.Flags[flagKey] = new FlagEntry(entry.Details);
            }
            foreach (var (id, sdkKey) in project.SdkKeys)
            {
                copy.SdkKeys[id] = sdkKey;
            }
            _projects[key] = copy;
        }
    }

    public async Task<T> InTransactionAsync<T>(Func<IFlagRepository, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (_transaction is not null)
        {
            return await work(this, cancellationToken);
        }
        using var held = await _writeGate.HoldAsync(cancellationToken);
        var transaction = new MemoryTransaction();
        T result;
        try
        {
            result = await work(new MemoryFlagRepository(this, transaction), cancellationToken);
        }
        finally
        {
            transaction.End();
        }
        Publish(transaction.Writes);
        return result;
    }

    private void Publish(IReadOnlyList<(JournalRecord Record, MemoryAuditRecord Audit)> writes)
    {
        if (writes.Count == 0)
        {
            return;
        }
        if (_journal is not null)
        {
            Append(new JournalRecord { Batch = writes.Select(w => w.Record with { Audit = w.Audit.Entry }).ToList() });
        }
        foreach (var (record, audit) in writes)
        {
            Apply(record, audit);
        }
    }
}
