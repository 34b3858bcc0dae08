using System.Diagnostics;
using System.Globalization;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.UiBench;

/// <summary>
/// Server time of the admin UI's flags list, measured in-process (no network): the prerendered page (sign-in, the
/// page's one service call for a page of 50 of 10,000 flags, the shell). The rows and switches render in the circuit:
/// the list query itself is measured on both stores by FlagAdmin.Benchmarks' FlagsListBenchmarks.
/// Usage: dotnet run -c Release --project bench/FlagAdmin.UiBench [-- memory|postgres|all] [flags=10000]
/// </summary>
internal static class UiBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        UiHost.PointAtWebProject();
        var store = args.FirstOrDefault(a => a is "memory" or "postgres" or "all") ?? "all";
        var flagCount = args.Select(a => a.StartsWith("flags=", StringComparison.Ordinal) ? int.Parse(a[6..], CultureInfo.InvariantCulture) : 0).Max();
        flagCount = flagCount > 0 ? flagCount : 10_000;
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {flagCount:N0} flags, 3 environments");
        Console.WriteLine("| store | measurement | median | p95 | runs |");
        Console.WriteLine("|---|---|---|---|---|");

        if (store is "memory" or "all")
        {
            await using var host = new UiHost(new Dictionary<string, string?> { ["Store:Provider"] = "Memory" });
            await MeasureAsync("memory", host, flagCount);
        }
        if (store is "postgres" or "all")
        {
            var postgres = new PostgresFixture();
            await postgres.InitializeAsync();
            try
            {
                await using var host = new UiHost(new Dictionary<string, string?>
                {
                    ["Store:Provider"] = "Postgres",
                    ["ConnectionStrings:FlagAdmin"] = await postgres.CreateDatabaseAsync(),
                    ["Store:Postgres:MigrateOnStartup"] = "true",
                });
                await MeasureAsync("PostgreSQL", host, flagCount);
            }
            finally
            {
                await postgres.DisposeAsync();
            }
        }
        return 0;
    }

    private static async Task MeasureAsync(string store, UiHost host, int flagCount)
    {
        var client = host.Client();
        var seeding = Stopwatch.StartNew();
        await host.SeedAsync(flagCount);
        Console.Error.WriteLine($"{store}: seeded {flagCount:N0} flags in {seeding.Elapsed.TotalSeconds:N1} s");
        var middle = Math.Max(1, flagCount / 50 / 2);

        await Report(store, $"flags list page {middle} (50 of {flagCount:N0}), prerendered page", 30, 300, async _ =>
        {
            using var response = await client.GetAsync($"/projects/shop/flags?page={middle}");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
    }

    private static async Task Report(string store, string what, int warmUp, int runs, Func<int, Task> once)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await once(i);
        }
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await once(i);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {store} | {what} | {times[runs / 2]:0.00} ms | {times[(int)(runs * 0.95)]:0.00} ms | {runs} |"));
    }
}
