using BenchmarkDotNet.Attributes;
using FlagAdmin.Benchmarks.Postgres;
using FlagAdmin.Core.Flags;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Benchmarks;

/// <summary>
/// The flags list's one service call (FlagService.ListFlagsInProjectAsync: the project, its environments and a page of
/// 50) on 10,000 flags, on each store side by side in one run: the first page, a middle page, search as you type, and
/// tag with owner. PostgreSQL is a durable throwaway cluster on this machine (fsync=on), one caller at a time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class FlagsListBenchmarks
{
    private const int FlagCount = 10_000;
    private static readonly FlagQuery FirstPage = new() { ProjectKey = Catalogue.Project, Limit = 50 };

    private MemoryFlagRepository? _memory;
    private PostgresCatalogue? _postgres;
    private FlagService _service = null!;

    [Params("memory", "postgres")]
    public string Store { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        if (Store == "memory")
        {
            _memory = new MemoryFlagRepository(TimeProvider.System);
            Catalogue.FillAsync(_memory, FlagCount).GetAwaiter().GetResult();
            _service = new FlagService(_memory, _memory);
            return;
        }
        _postgres = PostgresCatalogue.CreateAsync(FlagCount).GetAwaiter().GetResult();
        _service = new FlagService(_postgres.Repository, (Core.Audit.IAuditLog)_postgres.Repository);
        Console.WriteLine($"// server: {_postgres.Cluster.DescribeAsync().GetAwaiter().GetResult()}; machine: {Machine.Describe()}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _memory?.Dispose();
        _postgres?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Task<FlagListInProject> FirstPageOf50() => _service.ListFlagsInProjectAsync(FirstPage);

    [Benchmark]
    public Task<FlagListInProject> Page100Of50() => _service.ListFlagsInProjectAsync(FirstPage with { Offset = 99 * 50 });

    /// <summary>What search as you type asks after "flag number 42" (11 matches of 10,000: no index serves a substring).</summary>
    [Benchmark]
    public Task<FlagListInProject> SearchAsYouType() => _service.ListFlagsInProjectAsync(FirstPage with { Search = "flag number 42" });

    [Benchmark]
    public Task<FlagListInProject> TagAndOwnerByName() =>
        _service.ListFlagsInProjectAsync(FirstPage with { Tags = ["web"], Owner = "team-web", Sort = FlagSort.Name });
}
