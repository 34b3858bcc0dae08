namespace FlagAdmin.Storage.Memory;

/// <summary>
/// The one writer at a time of a memory store. Not a <c>lock</c>: a transaction holds it across awaits while its
/// work runs (see <see cref="MemoryFlagRepository.InTransactionAsync{T}"/>). Not re-entrant.
/// </summary>
internal sealed class WriteGate(TimeProvider time)
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private long _heldSinceTicks;

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

    private Held Taken()
    {
        Volatile.Write(ref _heldSinceTicks, time.GetUtcNow().UtcTicks);
        return new Held(this);
    }

    private void Release()
    {
        Volatile.Write(ref _heldSinceTicks, 0);
        _semaphore.Release();
    }

    public readonly struct Held(WriteGate gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
