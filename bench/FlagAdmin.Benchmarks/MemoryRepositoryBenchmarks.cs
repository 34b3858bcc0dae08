using BenchmarkDotNet.Attributes;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Benchmarks;

/// <summary>
/// The memory store's hot operations at two catalogue sizes, to show their cost does not grow with
/// the number of flags. Each iteration starts from a freshly filled store, so the audit trail a
/// toggle appends to stays the size of one iteration.
/// </summary>
[MemoryDiagnoser]
public class MemoryRepositoryBenchmarks
{
    private static readonly ChangeContext Actor = new("bench@example.com");
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
    public FlagState ToggleWithAudit()
    {
        var state = _repository.GetFlag(Catalogue.Project, _key)!.States[2];
        return _repository.UpdateState(FlagStateUpdate.From(state) with { Enabled = !state.Enabled }, Actor);
    }

    [Benchmark]
    public FlagPage QueryFirstPageOf50() => _repository.QueryFlags(_firstPage);

    [Benchmark]
    public FlagPage QueryMiddlePageOf50() => _repository.QueryFlags(_middlePage);
}
