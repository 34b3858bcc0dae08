using System.Diagnostics;
using System.Globalization;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Serving;

namespace FlagAdmin.Benchmarks.Postgres;

/// <summary>
/// <c>propagation</c>: two "processes" (<see cref="ServiceProcess"/>: independent service graphs, each with its
/// own connection pools, change listener, change signal and snapshot store) on one durable throwaway cluster.
/// Process A toggles flags through its FlagService, one change at a time; for each, the time until process B's
/// <see cref="FlagSnapshotStore"/> serves it, watched through its <see cref="FlagSnapshotStore.Changed"/> event.
/// </summary>
/// <remarks>
/// Two latencies per change: from the moment A's write call returned (the commit acknowledged: what issue 6's
/// "a change in one is visible in the others within 100 ms" means) and from the moment it was called.
/// </remarks>
public static class PropagationLatency
{
    private static readonly string Usage = """
        usage: propagation [--changes 1000] [--flags 100] [--keys 64] [--warmup 200] [--timeout-ms 10000]
        """;

    private const string Environment = "production";

    private sealed record Options(int Changes, int Flags, int Keys, int Warmup, int TimeoutMs)
    {
        public static Options? Parse(string[] args)
        {
            var o = new Options(1000, 100, 64, 200, 10_000);
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
                o = args[i] switch
                {
                    "--changes" => o with { Changes = Int() },
                    "--flags" => o with { Flags = Int() },
                    "--keys" => o with { Keys = Int() },
                    "--warmup" => o with { Warmup = Int() },
                    "--timeout-ms" => o with { TimeoutMs = Int() },
                    _ => null,
                };
                if (o is null)
                {
                    return null;
                }
            }
            return o.Changes > 0 && o.Flags > 0 && o.Keys > 0 ? o : null;
        }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        Console.WriteLine($"machine: {Machine.Describe()}");
        Console.WriteLine($"command: propagation {string.Join(' ', args)}");
        await using var catalogue = await PostgresCatalogue.CreateAsync(options.Flags);
        Console.WriteLine($"server: {await catalogue.Cluster.DescribeAsync()}");
        await using var a = await ServiceProcess.StartAsync(catalogue.ConnectionString, "process-a");
        await using var b = await ServiceProcess.StartAsync(catalogue.ConnectionString, "process-b");
        Console.WriteLine($"catalogue: {options.Flags:N0} flags x 3 environments; two processes started and loaded");

        var keys = Enumerable.Range(0, Math.Min(options.Keys, options.Flags))
            .Select(n => Catalogue.KeyOf((int)((long)n * options.Flags / Math.Min(options.Keys, options.Flags))))
            .ToArray();
        var versions = new Dictionary<string, (bool Enabled, uint Version)>();
        foreach (var key in keys)
        {
            var state = (await a.Service.GetFlagAsync(Catalogue.Project, key)).StateIn(Environment)!;
            versions[key] = (state.Enabled, state.Version);
        }

        var watcher = new Watcher(b.Snapshots);
        b.Snapshots.Changed += watcher.OnChanged;
        var actor = new ChangeContext("propagation@example.com");
        var timeout = TimeSpan.FromMilliseconds(options.TimeoutMs);
        var afterReturn = new List<double>(options.Changes);
        var afterCall = new List<double>(options.Changes);
        var writes = new List<double>(options.Changes);
        var missed = 0;
        string load = "";
        for (var i = 0; i < options.Warmup + options.Changes; i++)
        {
            if (i == options.Warmup)
            {
                load = Machine.LoadAverage();
            }
            var key = keys[i % keys.Length];
            var (enabled, version) = versions[key];
            var wanted = watcher.Expect(key, !enabled);
            var called = Stopwatch.GetTimestamp();
            var state = await a.Service.SetEnabledAsync(Catalogue.Project, key, Environment, !enabled, version, actor);
            var returned = Stopwatch.GetTimestamp();
            versions[key] = (state.Enabled, state.Version);
            watcher.CheckNow();
            var seen = await Task.WhenAny(wanted, Task.Delay(timeout)) == wanted ? wanted.Result : (long?)null;
            if (i < options.Warmup)
            {
                continue;
            }
            writes.Add(Stopwatch.GetElapsedTime(called, returned).TotalMilliseconds);
            if (seen is { } at)
            {
                afterReturn.Add(Math.Max(0, Stopwatch.GetElapsedTime(returned, at).TotalMilliseconds));
                afterCall.Add(Stopwatch.GetElapsedTime(called, at).TotalMilliseconds);
            }
            else
            {
                missed++;
            }
        }
        b.Snapshots.Changed -= watcher.OnChanged;

        Console.WriteLine($"{options.Changes:N0} changes made one at a time through process A (after {options.Warmup} warm-up changes), " +
            $"toggling {keys.Length} flags in '{Environment}' round robin (load {load} at start, {Machine.LoadAverage()} at end):");
        Console.WriteLine($"  A's write call: {Describe(writes)}");
        Console.WriteLine($"  visible in B's snapshot, from A's write call returning: {Describe(afterReturn)}");
        Console.WriteLine($"  visible in B's snapshot, from A's write call starting:  {Describe(afterCall)}");
        Console.WriteLine($"  not visible within {options.TimeoutMs} ms: {missed}");
        return missed == 0 ? 0 : 1;
    }

    private static string Describe(List<double> values)
    {
        if (values.Count == 0)
        {
            return "none";
        }
        var sorted = values.Order().ToArray();
        return $"p50 {Percentile(sorted, 0.50):0.00} ms, p99 {Percentile(sorted, 0.99):0.00} ms, max {sorted[^1]:0.00} ms (n={sorted.Length})";
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Completes the expected change's task with the timestamp at which B's snapshot first served it.</summary>
    private sealed class Watcher(FlagSnapshotStore snapshots)
    {
        private readonly object _gate = new();
        private string? _key;
        private bool _enabled;
        private TaskCompletionSource<long>? _seen;

        public Task<long> Expect(string key, bool enabled)
        {
            lock (_gate)
            {
                _key = key;
                _enabled = enabled;
                _seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                return _seen.Task;
            }
        }

        public void OnChanged(SnapshotChange change) => CheckNow();

        public void CheckNow()
        {
            var now = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                if (_key is not null && snapshots.Find(Catalogue.Project, Environment)?.Find(_key)?.IsEnabled == _enabled)
                {
                    _seen!.TrySetResult(now);
                }
            }
        }
    }
}
