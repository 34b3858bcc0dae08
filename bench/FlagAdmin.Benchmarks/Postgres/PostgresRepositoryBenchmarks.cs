using BenchmarkDotNet.Attributes;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Benchmarks.Postgres;

/// <summary>
/// The PostgreSQL repository's reads and a single toggle at two catalogue sizes, one caller at a time, on a
/// durable throwaway cluster (fsync=on, synchronous_commit=on) on this machine: these are latencies, so a
/// toggle includes the wait for its commit to reach the disk. Throughput under concurrency is the
/// <c>toggles</c> command's job.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 5, iterationCount: 20)]
public class PostgresRepositoryBenchmarks
{
    private static readonly ChangeContext Actor = new("bench@example.com");
    private PostgresCatalogue _catalogue = null!;
    private IFlagRepository _repository = null!;
    private string _key = "";
    private FlagQuery _firstPage = null!;
    private FlagQuery _middlePage = null!;
    private FlagState _state = null!;

    [Params(100, 100_000)]
    public int Flags { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _catalogue = PostgresCatalogue.CreateAsync(Flags).GetAwaiter().GetResult();
        _repository = _catalogue.Repository;
        _key = Catalogue.KeyOf(Flags / 2);
        _firstPage = new FlagQuery { ProjectKey = Catalogue.Project, Limit = 50 };
        _middlePage = _firstPage with { Offset = Flags / 2 };
        _state = _repository.GetFlagAsync(Catalogue.Project, _key).GetAwaiter().GetResult()!.StateIn("production")!;
        Console.WriteLine($"// server: {_catalogue.Cluster.DescribeAsync().GetAwaiter().GetResult()}; machine: {Machine.Describe()}");
    }

    [GlobalCleanup]
    public void Cleanup() => _catalogue.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task<FlagDetails?> GetByKey() => _repository.GetFlagAsync(Catalogue.Project, _key);

    [Benchmark]
    public Task<FlagPage> QueryFirstPageOf50() => _repository.QueryFlagsAsync(_firstPage);

    [Benchmark]
    public Task<FlagPage> QueryMiddlePageOf50() => _repository.QueryFlagsAsync(_middlePage);

    /// <summary>One toggle with its audit entry, carrying the version the previous one returned.</summary>
    [Benchmark]
    public async Task<FlagState> ToggleWithAudit() =>
        _state = await _repository.UpdateStateAsync(FlagStateUpdate.From(_state) with { Enabled = !_state.Enabled }, Actor);
}
