using System.Diagnostics;
using System.Globalization;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Benchmarks.Postgres;

/// <summary>
/// <c>toggles</c>: concurrent writers toggling flags through the PostgreSQL repository on a durable throwaway
/// cluster, then pgbench on the same cluster as the machine's ceiling. Prints toggles per second, latency
/// percentiles and the CPU each toggle cost the client (this process) and the server (all PostgreSQL processes).
/// </summary>
/// <remarks>
/// Modes: <c>distinct</c> — every writer toggles its own flags (production environment, round robin over
/// <c>--keys</c> flags spread over the catalogue), carrying the version each toggle returns, so no two writers
/// ever conflict; <c>contended</c> — every writer reads the same flag and toggles it, so most attempts lose
/// the race and are version conflicts. <c>--read-first</c> makes a distinct writer read the flag before each
/// toggle, as FlagService does.
/// </remarks>
public static class ToggleThroughput
{
    private static readonly string Usage = """
        usage: toggles [--writers 8] [--seconds 30] [--warmup 30] [--flags 100000] [--keys 64]
                       [--mode distinct|contended|all] [--read-first] [--pgbench-seconds 30] [--connection-options TEXT]
                       [--listeners 0]
        """;

    private sealed record Options(
        int Writers, int Seconds, int Warmup, int Flags, int Keys, string Mode, bool ReadFirst, int PgbenchSeconds, string ConnectionOptions,
        int Listeners)
    {
        public static Options? Parse(string[] args)
        {
            var o = new Options(8, 30, 30, 100_000, 64, "all", false, 30, "", 0);
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
                o = args[i] switch
                {
                    "--writers" => o with { Writers = Int() },
                    "--seconds" => o with { Seconds = Int() },
                    "--warmup" => o with { Warmup = Int() },
                    "--flags" => o with { Flags = Int() },
                    "--keys" => o with { Keys = Int() },
                    "--mode" => o with { Mode = Next() },
                    "--read-first" => o with { ReadFirst = true },
                    "--pgbench-seconds" => o with { PgbenchSeconds = Int() },
                    "--connection-options" => o with { ConnectionOptions = Next() },
                    "--listeners" => o with { Listeners = Int() },
                    _ => null,
                };
                if (o is null)
                {
                    return null;
                }
            }
            return o.Mode is "distinct" or "contended" or "all" && o.Writers > 0 && o.Flags > 0 && o.Listeners >= 0 ? o : null;
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
        Console.WriteLine($"command: toggles {string.Join(' ', args)}");
        var seed = Stopwatch.StartNew();
        await using var catalogue = await PostgresCatalogue.CreateAsync(options.Flags, options.ConnectionOptions);
        Console.WriteLine($"server: {await catalogue.Cluster.DescribeAsync()}");
        Console.WriteLine($"catalogue: {options.Flags:N0} flags x 3 environments, seeded in {seed.Elapsed.TotalSeconds:0.0} s");
        var listeners = new List<ServiceProcess>();
        if (options.Listeners > 0)
        {
            // The writers' change signal NOTIFYs after commits; each listening process re-reads every changed flag
            // into its snapshot, on the same 2 cores.
            await catalogue.StartHostedServicesAsync();
            for (var l = 0; l < options.Listeners; l++)
            {
                listeners.Add(await ServiceProcess.StartAsync(catalogue.ConnectionString, $"listener-{l}"));
            }
            Console.WriteLine($"listeners: {options.Listeners} other process(es) following changes (change listener + snapshot store), writers' change signal running");
        }

        if (options.Mode is "distinct" or "all")
        {
            await MeasureAsync(catalogue, options, contended: false);
        }
        if (options.Mode is "contended" or "all")
        {
            await MeasureAsync(catalogue, options, contended: true);
        }
        if (options.PgbenchSeconds > 0)
        {
            Console.WriteLine($"pgbench -i -s 10; pgbench -c {options.Writers} -j 2 -T {options.PgbenchSeconds} -N (same cluster), load {Machine.LoadAverage()}:");
            var report = await catalogue.Cluster.PgbenchAsync(options.Writers, options.PgbenchSeconds);
            foreach (var line in report.Split('\n').Where(l => l.StartsWith("tps", StringComparison.Ordinal) || l.StartsWith("latency", StringComparison.Ordinal)))
            {
                Console.WriteLine($"  {line.Trim()}");
            }
        }
        foreach (var listener in listeners)
        {
            await listener.DisposeAsync();
        }
        return 0;
    }

    private static async Task MeasureAsync(PostgresCatalogue catalogue, Options options, bool contended)
    {
        var repository = catalogue.Repository;
        var writers = new Writer[options.Writers];
        var spread = Math.Min(options.Flags, options.Writers * options.Keys);
        for (var w = 0; w < writers.Length; w++)
        {
            var keys = contended
                ? [Catalogue.KeyOf(options.Flags / 2)]
                : Enumerable.Range(0, spread).Where(n => n % writers.Length == w).Select(n => Catalogue.KeyOf((int)((long)n * options.Flags / spread))).ToArray();
            var states = new List<FlagState>();
            foreach (var key in keys)
            {
                states.Add((await repository.GetFlagAsync(Catalogue.Project, key))!.StateIn("production")!);
            }
            writers[w] = new Writer(new ChangeContext($"writer-{w}@example.com"), states);
        }

        var phase = 0; // 0 warm-up, 1 measured, 2 stop
        var tasks = writers.Select(writer => Task.Run(async () =>
        {
            for (var i = 0; Volatile.Read(ref phase) < 2; i++)
            {
                var slot = i % writer.States.Count;
                var measured = Volatile.Read(ref phase) == 1;
                var start = Stopwatch.GetTimestamp();
                try
                {
                    var state = writer.States[slot];
                    if (contended || options.ReadFirst)
                    {
                        state = (await repository.GetFlagAsync(Catalogue.Project, state.FlagKey))!.StateIn("production")!;
                    }
                    writer.States[slot] = await repository.UpdateStateAsync(FlagStateUpdate.From(state) with { Enabled = !state.Enabled }, writer.Actor);
                    if (measured && Volatile.Read(ref phase) == 1)
                    {
                        writer.Latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                }
                catch (VersionConflictException) when (contended)
                {
                    if (measured && Volatile.Read(ref phase) == 1)
                    {
                        writer.Conflicts++;
                    }
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
        var load = Machine.LoadAverage();
        var serverProcesses = catalogue.Cluster.ServerProcesses();
        var client = Process.GetCurrentProcess();
        client.Refresh();
        var clientCpu = client.TotalProcessorTime.TotalSeconds;
        var serverCpu = ProcessCpu.Seconds(serverProcesses);
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        var allocated = GC.GetTotalAllocatedBytes();
        var notifications = catalogue.Signal.Sent;
        var watch = Stopwatch.StartNew();
        Volatile.Write(ref phase, 1);
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        Volatile.Write(ref phase, 2);
        var elapsed = watch.Elapsed.TotalSeconds;
        jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted;
        allocated = GC.GetTotalAllocatedBytes() - allocated;
        notifications = catalogue.Signal.Sent - notifications;
        client.Refresh();
        clientCpu = client.TotalProcessorTime.TotalSeconds - clientCpu;
        serverCpu = ProcessCpu.Seconds(catalogue.Cluster.ServerProcesses()) - serverCpu;
        await Task.WhenAll(tasks);

        var latencies = writers.SelectMany(w => w.Latencies).Order().ToArray();
        var toggles = latencies.Length;
        var conflicts = writers.Sum(w => w.Conflicts);
        var what = contended
            ? $"contended: {options.Writers} writers read and toggle one flag-environment"
            : $"distinct: {options.Writers} writers toggle {spread} flags{(options.ReadFirst ? ", reading each first" : "")}";
        Console.WriteLine($"{what} (load {load} at start, {Machine.LoadAverage()} at end):");
        Console.WriteLine($"  {toggles / elapsed:N0} toggles/s ({toggles:N0} in {elapsed:0.0} s){(contended ? $", {conflicts / elapsed:N0} conflicts/s" : "")}");
        if (toggles > 0)
        {
            Console.WriteLine($"  latency of a {(contended ? "successful attempt (read + toggle)" : "toggle")}: p50 {Percentile(latencies, 0.50):0.00} ms, p99 {Percentile(latencies, 0.99):0.00} ms");
            var attempts = toggles + conflicts;
            Console.WriteLine($"  CPU per {(contended ? "attempt" : "toggle")}: client {clientCpu * 1000 / attempts:0.000} ms, server {serverCpu * 1000 / attempts:0.000} ms " +
                $"(machine busy {(clientCpu + serverCpu) / elapsed / Environment.ProcessorCount:P0} from these two); " +
                $"client allocated {allocated / attempts / 1024.0:0.0} KB per {(contended ? "attempt" : "toggle")}, JIT-compiled {jitted} methods during the run");
            if (options.Listeners > 0)
            {
                Console.WriteLine($"  NOTIFYs sent by the writers' change signal: {notifications:N0} ({notifications / elapsed:N0}/s)");
            }
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed class Writer(ChangeContext actor, List<FlagState> states)
    {
        public ChangeContext Actor { get; } = actor;
        public List<FlagState> States { get; } = states;
        public List<double> Latencies { get; } = new(100_000);
        public int Conflicts { get; set; }
    }
}

/// <summary>What a figure was measured on.</summary>
public static class Machine
{
    public static string Describe()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        return $"{Environment.ProcessorCount} cores, {model}, {Environment.Version} runtime, load {LoadAverage()}";
    }

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
