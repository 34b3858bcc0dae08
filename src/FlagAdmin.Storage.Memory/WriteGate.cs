namespace FlagAdmin.Storage.Memory;

/// <summary>
/// The one writer at a time of a memory store. Not a <c>lock</c>: a transaction holds it across awaits while its
/// work runs (see <see cref="MemoryFlagRepository.InTransactionAsync{T}"/>). Not re-entrant.
/// </summary>
internal sealed class WriteGate
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public Held Hold()
    {
        _semaphore.Wait();
        return new Held(_semaphore);
    }

    public async Task<Held> HoldAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Held(_semaphore);
    }

    public readonly struct Held(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
