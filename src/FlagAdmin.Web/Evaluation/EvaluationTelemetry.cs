using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Observability;

namespace FlagAdmin.Web.Evaluation;

/// <summary>
/// What OFREP evaluation reports: <c>flagadmin.evaluations</c> by project, environment, flag and reason, the
/// handler's duration and bulk sizes. Counting stays off the hot path's allocations: each compiled flag finds
/// its counters through a <see cref="ConditionalWeakTable{TKey,TValue}"/> (a reference lookup, no tag list)
/// and bumps one slot; the counters are kept per (project, environment, flag), so they survive the flag's
/// recompilation, and are read as an observable counter when the exporter collects. Unknown and archived
/// flags are counted per environment, without the key a caller sent, so no caller can add series. Nothing
/// is counted while no exporter or listener has the instruments enabled.
/// </summary>
internal sealed class EvaluationTelemetry
{
    // One slot per reason before ERROR (STATIC … DEFAULT), then ERROR by error code (FLAG_NOT_FOUND … PARSE_ERROR).
    private const int FirstErrorSlot = (int)EvaluationReason.Error - 1;
    private const int Slots = FirstErrorSlot + 1 + (int)EvaluationErrorCode.ParseError;

    private static readonly KeyValuePair<string, object?> Single = new("kind", "single");
    private static readonly KeyValuePair<string, object?> Bulk = new("kind", "bulk");

    private readonly ConditionalWeakTable<CompiledFlag, long[]> _byCompiledFlag = new();
    private readonly ConditionalWeakTable<EnvironmentSnapshot, long[][]> _bySnapshot = new();
    private readonly ConcurrentDictionary<(string Project, string Environment, string? Flag), long[]> _counts = new();
    private readonly ObservableCounter<long> _evaluations;
    private readonly Histogram<double> _duration;
    private readonly Histogram<int> _bulkSize;

    public EvaluationTelemetry(FlagAdminMetrics metrics)
    {
        _evaluations = metrics.Meter.CreateObservableCounter("flagadmin.evaluations", Observe, "{evaluation}",
            "Flag evaluations served over OFREP (single and bulk) by project, environment, flag and reason; unknown or archived flags have no flag tag.");
        _duration = metrics.EvaluationDuration;
        _bulkSize = metrics.BulkSize;
    }

    /// <summary>Counts one evaluation served from <paramref name="snapshot"/>.</summary>
    public void Count(EnvironmentSnapshot snapshot, in EvaluationResult result)
    {
        if (!_evaluations.Enabled)
        {
            return;
        }
        var counts = result.Flag is { } flag ? CountsOf(flag) : _counts.GetOrAdd((snapshot.ProjectKey, snapshot.EnvironmentKey, null), _ => new long[Slots]);
        Interlocked.Increment(ref counts[SlotOf(result)]);
    }

    /// <summary>
    /// The counters of each of <paramref name="snapshot"/>'s <see cref="EnvironmentSnapshot.ActiveFlags"/>, in their
    /// order, found once per snapshot so a bulk evaluation pays one lookup, not one per flag; null while nothing listens.
    /// </summary>
    public long[][]? CountersOf(EnvironmentSnapshot snapshot) =>
        !_evaluations.Enabled ? null
        : _bySnapshot.TryGetValue(snapshot, out var counters) ? counters
        : _bySnapshot.GetValue(snapshot, s =>
        {
            var active = s.ActiveFlags;
            var all = new long[active.Length][];
            for (var i = 0; i < active.Length; i++)
            {
                all[i] = CountsOf(active[i]);
            }
            return all;
        });

    /// <summary>Counts one evaluation in the counters <see cref="CountersOf"/> gave for its flag (none: nothing listens).</summary>
    public static void Count(long[]? counts, in EvaluationResult result)
    {
        if (counts is not null)
        {
            Interlocked.Increment(ref counts[SlotOf(result)]);
        }
    }

    /// <summary>A timestamp to pass to <see cref="SingleServed"/> or <see cref="BulkServed"/>; 0 while nothing listens.</summary>
    public long Start() => _duration.Enabled ? Stopwatch.GetTimestamp() : 0;

    public void SingleServed(long start)
    {
        if (start != 0)
        {
            _duration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, Single);
        }
    }

    public void BulkServed(long start, int flags)
    {
        _bulkSize.Record(flags);
        if (start != 0)
        {
            _duration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, Bulk);
        }
    }

    private long[] CountsOf(CompiledFlag flag) =>
        _byCompiledFlag.TryGetValue(flag, out var counts)
            ? counts
            : _byCompiledFlag.GetValue(flag, f => _counts.GetOrAdd((f.ProjectKey, f.EnvironmentKey, f.Key), _ => new long[Slots]));

    private static int SlotOf(in EvaluationResult result) =>
        result.Reason == EvaluationReason.Error ? FirstErrorSlot + (int)result.ErrorCode : (int)result.Reason;

    private IEnumerable<Measurement<long>> Observe()
    {
        foreach (var ((project, environment, flag), counts) in _counts)
        {
            for (var slot = 0; slot < Slots; slot++)
            {
                var count = Volatile.Read(ref counts[slot]);
                if (count == 0)
                {
                    continue;
                }
                var tags = new TagList { { "project", project }, { "environment", environment } };
                if (flag is not null)
                {
                    tags.Add("flag", flag);
                }
                if (slot <= FirstErrorSlot)
                {
                    tags.Add("reason", EvaluationNames.Of((EvaluationReason)slot));
                }
                else
                {
                    tags.Add("reason", EvaluationNames.Of(EvaluationReason.Error));
                    tags.Add("error.type", EvaluationNames.Of((EvaluationErrorCode)(slot - FirstErrorSlot)));
                }
                yield return new Measurement<long>(count, tags);
            }
        }
    }
}
