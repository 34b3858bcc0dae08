namespace FlagAdmin.Storage.Contract;

/// <summary>A clock the test moves by hand. Starts at a fixed instant with sub-microsecond ticks, so stores must round alike.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero).UtcTicks + 1_234_567;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
