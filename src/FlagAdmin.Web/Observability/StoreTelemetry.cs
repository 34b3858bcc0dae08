using System.Diagnostics.Metrics;
using FlagAdmin.Core.Observability;
using FlagAdmin.Core.Stats;

namespace FlagAdmin.Web.Observability;

/// <summary>
/// Gauges of what the store holds: <c>flagadmin.store.rows</c> (tag <c>kind</c>: projects, flags, audit_entries …) and
/// <c>flagadmin.store.size</c> (tag <c>part</c>: a table, or the memory store's data file). A collection reports the
/// latest count <see cref="StoreStatisticsService"/> holds and starts a new one in the background when that is older
/// than <see cref="StoreStatisticsService.MaxAge"/>; a collection never waits for the store, so the first one after
/// start-up reports nothing yet, and counts lag the store by up to a scrape interval plus 30 s.
/// </summary>
internal sealed class StoreTelemetry(StoreStatisticsService statistics, FlagAdminMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Meter.CreateObservableGauge("flagadmin.store.rows", Rows, "{row}",
            "What the store holds, by kind; counted at most every 30 s.");
        metrics.Meter.CreateObservableGauge("flagadmin.store.size", Sizes, "By",
            "Bytes on disk by part of the store (each PostgreSQL table with its indexes, or the memory store's data file); read at most every 30 s.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> Rows() =>
        Latest()?.Counts.Each().Select(c => new Measurement<long>(c.Count, new KeyValuePair<string, object?>("kind", c.Kind))) ?? [];

    private IEnumerable<Measurement<long>> Sizes() =>
        Latest()?.Sizes.Select(s => new Measurement<long>(s.Bytes, new KeyValuePair<string, object?>("part", s.Part))) ?? [];

    private StoreStatistics? Latest()
    {
        statistics.RefreshIfStale();
        return statistics.Latest;
    }
}
