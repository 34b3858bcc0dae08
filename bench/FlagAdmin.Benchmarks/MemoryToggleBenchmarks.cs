using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Benchmarks;

/// <summary>
/// A toggle with its audit entry, at two catalogue sizes. Every toggle appends to the audit trail, so
/// each iteration runs a fixed number of toggles on a freshly filled store to keep memory bounded.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, invocationCount: 200_000)]
public class MemoryToggleBenchmarks
{
    private static readonly ChangeContext Actor = new("bench@example.com");
    private MemoryFlagRepository _repository = null!;
    private string _key = "";

    [Params(100, 100_000)]
    public int Flags { get; set; }

    [IterationSetup]
    public void Setup()
    {
        _repository = new MemoryFlagRepository(TimeProvider.System);
        Catalogue.FillAsync(_repository, Flags).GetAwaiter().GetResult();
        _key = Catalogue.KeyOf(Flags / 2);
    }

    [Benchmark]
    public FlagState ToggleWithAudit()
    {
        var state = _repository.GetFlag(Catalogue.Project, _key)!.States[2];
        return _repository.UpdateState(FlagStateUpdate.From(state) with { Enabled = !state.Enabled }, Actor);
    }
}
