using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Stats;
using FlagAdmin.Core.Tests.Users;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Core.Tests.Stats;

/// <summary>The statistics a memory store counts, read through the service: for Admins only, counted at most every 30 s.</summary>
public sealed class StoreStatisticsServiceTests : IDisposable
{
    private static readonly ChangeContext Admin = new("admin@example.com", null, Role.Admin);
    private readonly TestClock _clock = new();
    private readonly MemoryFlagRepository _store;
    private readonly CountingStatistics _counted;
    private readonly StoreStatisticsService _service;

    public StoreStatisticsServiceTests()
    {
        _store = new MemoryFlagRepository(_clock);
        _counted = new CountingStatistics(_store);
        _service = new StoreStatisticsService(_counted, _clock);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Readers_within_30_seconds_share_one_count_and_a_later_one_counts_again()
    {
        Assert.Null(_service.Latest);
        var first = await _service.GetAsync(Admin);
        await new FlagService(_store, _store).CreateProjectAsync(new NewProject("shop", "Shop"), Admin);
        _clock.Advance(TimeSpan.FromSeconds(29));

        var again = await _service.GetAsync(Admin);

        Assert.Same(first, again);
        Assert.Same(first, _service.Latest);
        Assert.Equal(1, _counted.Calls);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = await _service.GetAsync(Admin);
        Assert.Equal(2, _counted.Calls);
        Assert.Equal((0L, 1L), (first.Counts.Projects, fresh.Counts.Projects));
        Assert.Equal(_clock.GetUtcNow(), fresh.CountedAt);
    }

    [Fact]
    public async Task A_background_refresh_counts_once_when_stale_and_keeps_the_answer_for_the_gauges()
    {
        _service.RefreshIfStale();
        await Until(() => _service.Latest is not null);
        _service.RefreshIfStale();
        _service.RefreshIfStale();
        await _service.GetAsync(Admin);

        Assert.Equal(1, _counted.Calls);
    }

    [Theory]
    [InlineData(Role.Editor)]
    [InlineData(Role.Viewer)]
    public async Task Only_admins_see_the_statistics(Role role)
    {
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => _service.GetAsync(new ChangeContext("someone@example.com", null, role)));

        Assert.Contains("statistics", refused.Message);
        Assert.Equal(0, _counted.Calls);
    }

    [Fact]
    public async Task A_failed_count_is_the_callers_error_and_the_next_reader_counts_again()
    {
        await _store.CloseAsync();

        await Assert.ThrowsAsync<StoreUnavailableException>(() => _service.GetAsync(Admin));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => _service.GetAsync(Admin));
        Assert.Equal(2, _counted.Calls);
        Assert.Null(_service.Latest);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The background count never finished.");
            await Task.Delay(10);
        }
    }

    /// <summary>The real store's statistics, counting how often they are asked for.</summary>
    private sealed class CountingStatistics(IStoreStatistics inner) : IStoreStatistics
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return inner.GetStatisticsAsync(cancellationToken);
        }
    }
}
