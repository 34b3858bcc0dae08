using BenchmarkDotNet.Attributes;
using FlagAdmin.Core.Flags;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Benchmarks;

/// <summary>The memory store's reads at two catalogue sizes, to show their cost does not grow with the number of flags.</summary>
[MemoryDiagnoser]
public class MemoryRepositoryBenchmarks
{
    private MemoryFlagRepository _repository = null!;
    private string _key = "";
    private FlagQuery _firstPage = null!;
    private FlagQuery _middlePage = null!;

    [Params(100, 100_000)]
    public int Flags { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _repository = new MemoryFlagRepository(TimeProvider.System);
        Catalogue.FillAsync(_repository, Flags).GetAwaiter().GetResult();
        _key = Catalogue.KeyOf(Flags / 2);
        _firstPage = new FlagQuery { ProjectKey = Catalogue.Project, Limit = 50 };
        _middlePage = _firstPage with { Offset = Flags / 2 };
    }

    [Benchmark]
    public FlagDetails? GetByKey() => _repository.GetFlag(Catalogue.Project, _key);

    [Benchmark]
    public FlagPage QueryFirstPageOf50() => _repository.QueryFlags(_firstPage);

    [Benchmark]
    public FlagPage QueryMiddlePageOf50() => _repository.QueryFlags(_middlePage);
}
