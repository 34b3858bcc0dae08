using FlagAdmin.Core.Common;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Core.Stats;

/// <summary>
/// The store's statistics for Admins and for the gauges, counted at most once per <see cref="MaxAge"/>: the System page
/// and every metrics scrape within it share one count, so a busy scraper never runs <c>count(*)</c> more often.
/// </summary>
public sealed class StoreStatisticsService(IStoreStatistics store, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private Task<StoreStatistics>? _counting;
    private StoreStatistics? _latest;

    /// <summary>The last successful count, if any, without waiting (for the gauges, whose callbacks cannot wait).</summary>
    public StoreStatistics? Latest => Volatile.Read(ref _latest);

    /// <summary>Statistics at most <see cref="MaxAge"/> old, for an Admin (others are refused with <see cref="Errors.ForbiddenException"/>).</summary>
    public Task<StoreStatistics> GetAsync(ChangeContext viewer, CancellationToken cancellationToken = default)
    {
        Permissions.Require(viewer, Role.Admin, "Seeing the store's statistics");
        return CurrentAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Starts a count when the last one is older than <see cref="MaxAge"/> and none is running; never throws.</summary>
    public void RefreshIfStale() => _ = CurrentAsync().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);

    private Task<StoreStatistics> CurrentAsync()
    {
        lock (_lock)
        {
            if (Latest is { } latest && time.GetUtcNow() - latest.CountedAt < MaxAge)
            {
                return Task.FromResult(latest);
            }
            if (_counting is { IsCompleted: false } counting)
            {
                return counting;
            }
            return _counting = CountAsync();
        }
    }

    private async Task<StoreStatistics> CountAsync()
    {
        // Leaves the caller's lock first: the memory store answers synchronously.
        await Task.Yield();
        var statistics = await store.GetStatisticsAsync();
        Volatile.Write(ref _latest, statistics);
        return statistics;
    }
}
