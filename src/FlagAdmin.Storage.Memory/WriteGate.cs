using FlagAdmin.Core.Errors;

namespace FlagAdmin.Storage.Memory;

/// <summary>
/// The one writer at a time of a memory store. Not a <c>lock</c>: a transaction holds it across awaits while its
/// work runs (see <see cref="MemoryFlagRepository.InTransactionAsync{T}"/>). Not re-entrant. Once closed it is never
/// held again: holding it throws <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed class WriteGate(TimeProvider time)
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private long _heldSinceTicks;
    private volatile bool _closed;

    public bool IsClosed => _closed;

    /// <summary>
    /// When the writer holding the gate took it (before it stamped anything, so every time it stamps is at or after
    /// this), until it has published what it wrote; null while no one holds it.
    /// </summary>
    public DateTimeOffset? HeldSince =>
        Volatile.Read(ref _heldSinceTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Waits for the gate; a cancelled token (before or while waiting) throws and leaves the gate as it was.</summary>
    public Held Hold(CancellationToken cancellationToken = default)
    {
        _semaphore.Wait(cancellationToken);
        return Taken();
    }

    public async Task<Held> HoldAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return Taken();
    }

    /// <summary>Waits for the writer holding the gate, runs <paramref name="closing"/> the first time, and keeps the gate shut.</summary>
    public async Task CloseAsync(Action closing)
    {
        await _semaphore.WaitAsync();
        try
        {
            if (!_closed)
            {
                _closed = true;
                closing();
            }
        }
        finally
        {
            _semaphore.Release();
        }
    }

    private Held Taken()
    {
        if (_closed)
        {
            _semaphore.Release();
            throw Closed();
        }
        Volatile.Write(ref _heldSinceTicks, time.GetUtcNow().UtcTicks);
        return new Held(this);
    }

    private void Release()
    {
        Volatile.Write(ref _heldSinceTicks, 0);
        _semaphore.Release();
    }

    public static StoreUnavailableException Closed() => new(new ObjectDisposedException("store", "The store is closed."));

    public readonly struct Held(WriteGate gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
