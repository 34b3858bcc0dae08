using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Observability;
using FlagAdmin.Core.Serving;

namespace FlagAdmin.Web.Observability;

/// <summary>
/// Gauges of the snapshots evaluation is served from, per project and environment: <c>flagadmin.snapshot.version</c>
/// (per process, rises with every applied change), <c>flagadmin.snapshot.age</c> (seconds since the environment's
/// snapshot was last replaced, or since start-up) and <c>flagadmin.snapshot.flags</c>. Started with the host, so it
/// hears every replacement.
/// </summary>
internal sealed class SnapshotTelemetry : IHostedService
{
    private readonly FlagSnapshotStore _snapshots;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Project, string Environment), DateTimeOffset> _replacedAt = new();
    private DateTimeOffset _startedAt;

    public SnapshotTelemetry(FlagSnapshotStore snapshots, TimeProvider time, FlagAdminMetrics metrics)
    {
        _snapshots = snapshots;
        _time = time;
        _startedAt = time.GetUtcNow();
        metrics.Meter.CreateObservableGauge("flagadmin.snapshot.version", () => Each(s => s.Version), "{version}",
            "Version of the snapshot each environment is served from; per process, it rises with every applied change.");
        metrics.Meter.CreateObservableGauge("flagadmin.snapshot.age", () => Each(AgeOf), "s",
            "Seconds since the environment's snapshot was last replaced (or since start-up, when it never was).");
        metrics.Meter.CreateObservableGauge("flagadmin.snapshot.flags", () => Each(s => (double)s.Count), "{flag}",
            "Flags in each environment's snapshot, archived ones included.");
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _startedAt = _time.GetUtcNow();
        _snapshots.Changed += Replaced;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _snapshots.Changed -= Replaced;
        return Task.CompletedTask;
    }

    private void Replaced(SnapshotChange change) => _replacedAt[(change.ProjectKey, change.EnvironmentKey)] = _time.GetUtcNow();

    private double AgeOf(EnvironmentSnapshot snapshot) =>
        (_time.GetUtcNow() - _replacedAt.GetValueOrDefault((snapshot.ProjectKey, snapshot.EnvironmentKey), _startedAt)).TotalSeconds;

    private IEnumerable<Measurement<T>> Each<T>(Func<EnvironmentSnapshot, T> value) where T : struct =>
        _snapshots.All.Select(s => new Measurement<T>(value(s), new("project", s.ProjectKey), new("environment", s.EnvironmentKey)));
}
