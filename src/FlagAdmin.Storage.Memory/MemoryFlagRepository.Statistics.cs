using FlagAdmin.Core.Stats;

namespace FlagAdmin.Storage.Memory;

public sealed partial class MemoryFlagRepository : IStoreStatistics
{
    /// <summary>Counts what the dictionaries hold; the one size is the data file's, when there is one.</summary>
    public Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        var projects = _projects.Values.ToList();
        long audit;
        lock (_auditLock)
        {
            audit = _users.Audit.Count + projects.Sum(p => (long)p.Audit.Count);
        }
        var counts = new StoreCounts(
            Projects: projects.Count,
            Environments: projects.Sum(p => (long)p.Environments.Count),
            Flags: projects.Sum(p => (long)p.Flags.Count),
            States: projects.Sum(p => p.Flags.Values.Sum(f => (long)f.Details.States.Count)),
            Users: _users.ById.Count,
            AccessTokens: _users.TokensById.Count,
            SdkKeys: _sdkKeysByHash.Count,
            AuditEntries: audit);
        var sizes = _journal is null ? [] : new[] { new StoredSize("data file", new FileInfo(_journal.Path).Length) };
        var version = _journal is null ? "in this process, kept nowhere (no data file)" : $"in this process, kept in {_journal.Path}";
        return Answer(new StoreStatistics("Memory", version, Migrations: null, counts, sizes, _time.GetUtcNow()), cancellationToken);
    }
}
