namespace FlagAdmin.Core.Stats;

/// <summary>What the store holds and what it is, for operators: the System page and the store gauges.</summary>
public interface IStoreStatistics
{
    /// <summary>
    /// Counts everything the store holds now (on PostgreSQL a <c>count(*)</c> of each table, so not cheap at scale: read
    /// it through <see cref="StoreStatisticsService"/>, which keeps an answer for a while) with the store's kind, version,
    /// schema migrations and sizes on disk. Throws a <see cref="Errors.StoreException"/> when the store fails.
    /// </summary>
    Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);
}

/// <param name="Kind">"Memory" or "PostgreSQL".</param>
/// <param name="Version">The server's version (PostgreSQL), or what keeps the memory store's data.</param>
/// <param name="Migrations">Schema migrations applied, oldest first; null for a store without a schema (memory).</param>
/// <param name="Sizes">Bytes on disk: the data file (memory with one; none without), each table with its indexes (PostgreSQL).</param>
/// <param name="CountedAt">When the counts were taken.</param>
public sealed record StoreStatistics(
    string Kind,
    string Version,
    IReadOnlyList<string>? Migrations,
    StoreCounts Counts,
    IReadOnlyList<StoredSize> Sizes,
    DateTimeOffset CountedAt);

/// <summary>How many of each thing the store holds; audit entries of every project and of the accounts together.</summary>
public sealed record StoreCounts(long Projects, long Environments, long Flags, long States, long Users, long AccessTokens, long SdkKeys, long AuditEntries)
{
    /// <summary>Each count with its name as the gauges tag it (<c>kind</c>).</summary>
    public IEnumerable<(string Kind, long Count)> Each() =>
    [
        ("projects", Projects), ("environments", Environments), ("flags", Flags), ("states", States),
        ("users", Users), ("access_tokens", AccessTokens), ("sdk_keys", SdkKeys), ("audit_entries", AuditEntries),
    ];
}

/// <summary>Bytes on disk held by one part of the store (a data file, a table with its indexes and TOAST).</summary>
public sealed record StoredSize(string Part, long Bytes);
