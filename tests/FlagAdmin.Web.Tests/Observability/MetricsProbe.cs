using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FlagAdmin.Core.Observability;

namespace FlagAdmin.Web.Tests.Observability;

/// <summary>Listens to the "FlagAdmin" meter of one host (its <see cref="IMeterFactory"/>), so hosts running side by side do not mix.</summary>
public sealed class MetricsProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Recorded> _recorded = new();

    public sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    public MetricsProbe(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FlagAdminMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    /// <summary>Everything recorded so far, observable instruments read once more now.</summary>
    public IReadOnlyList<Recorded> Read(string instrument)
    {
        _listener.RecordObservableInstruments();
        return [.. _recorded.Where(r => r.Instrument == instrument)];
    }

    /// <summary>The latest reading of an observable instrument for the given tags (every one must match).</summary>
    public double? Latest(string instrument, params (string Key, object? Value)[] tags)
    {
        _listener.RecordObservableInstruments();
        return _recorded.LastOrDefault(r => r.Instrument == instrument && Matches(r, tags))?.Value;
    }

    public static bool Matches(Recorded recorded, params (string Key, object? Value)[] tags) =>
        tags.All(t => recorded.Tags.TryGetValue(t.Key, out var value) ? Equals(value, t.Value) : t.Value is null);

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copied[tag.Key] = tag.Value;
        }
        _recorded.Enqueue(new Recorded(instrument.Name, value, copied));
    }

    public void Dispose() => _listener.Dispose();
}
