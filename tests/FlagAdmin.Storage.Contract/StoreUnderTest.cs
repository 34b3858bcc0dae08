using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Storage.Contract;

/// <summary>One store instance for one test: the repository, its audit reader, and the clock it stamps changes with.</summary>
public sealed record StoreUnderTest(IFlagRepository Repository, IAuditLog Audit, ManualTimeProvider Time) : IAsyncDisposable
{
    public Func<ValueTask>? OnDispose { get; init; }

    /// <summary>Opens the same stored data again in a new store (after the first was closed); null where the store keeps nothing beyond itself.</summary>
    public Func<Task<StoreUnderTest>>? Reopen { get; init; }

    public IStoreLifetime Lifetime => (IStoreLifetime)Repository;

    public FlagService Service => new(Repository, Audit);

    public ValueTask DisposeAsync() => OnDispose?.Invoke() ?? ValueTask.CompletedTask;
}
