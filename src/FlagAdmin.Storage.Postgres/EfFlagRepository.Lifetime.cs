using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace FlagAdmin.Storage.Postgres;

/// <summary>
/// Ping and close. Every call that reaches the database (<see cref="TryAsync{T}"/>) is counted while it runs, so a close
/// waits for them: a transaction in progress commits or rolls back on its own, never cut off by the close.
/// </summary>
public sealed partial class EfFlagRepository : IStoreLifetime, IDisposable, IAsyncDisposable
{
    /// <summary>Added to the count of calls in progress once closing: any count at or above it means closed.</summary>
    private const int Closing = 1 << 30;

    private int _calls;
    private int _closeStarted;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A round trip to the server (<c>SELECT 1</c>), on a fresh connection if a pooled one turns out dead.</summary>
    public Task PingAsync(CancellationToken cancellationToken = default) =>
        TryAsync((db, _) => db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken), cancellationToken);

    /// <summary>Waits for the calls in progress, then clears this store's pooled connections.</summary>
    public async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) == 0 && Interlocked.Add(ref _calls, Closing) == Closing)
        {
            _drained.TrySetResult();
        }
        await _drained.Task;
        try
        {
            await using var db = await _contexts.CreateDbContextAsync();
            ClearPool(db.Database.GetConnectionString());
        }
        catch (ObjectDisposedException)
        {
            // The host disposed the context factory first; its pool goes with the process.
        }
    }

    public ValueTask DisposeAsync() => CloseAsync();

    public void Dispose() => CloseAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Counts a call in; a closed store refuses it.</summary>
    private void Enter()
    {
        if (Interlocked.Increment(ref _calls) >= Closing)
        {
            Leave();
            throw new StoreUnavailableException(new ObjectDisposedException(nameof(EfFlagRepository), "The store is closed."));
        }
    }

    private void Leave()
    {
        if (Interlocked.Decrement(ref _calls) == Closing)
        {
            _drained.TrySetResult();
        }
    }
}
