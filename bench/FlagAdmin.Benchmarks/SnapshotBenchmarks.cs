using BenchmarkDotNet.Attributes;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Benchmarks;

/// <summary>
/// Applying one change to an environment snapshot of 100 and of 100,000 flags: compiling the changed
/// flag and publishing a snapshot with it (the work FlagSnapshotStore does per change, minus the read).
/// </summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private EnvironmentSnapshot _snapshot = null!;
    private Flag _flag = null!;
    private FlagState _on = null!;
    private FlagState _off = null!;
    private bool _toggle;

    [Params(100, 100_000)]
    public int Flags { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var flags = Enumerable.Range(0, Flags).Select(i => CompiledFlag.Compile(FlagNamed(i), StateOf(FlagNamed(i), enabled: i % 2 == 0)));
        _snapshot = EnvironmentSnapshot.Create("bench", "production", flags);
        _flag = FlagNamed(Flags / 2);
        _on = StateOf(_flag, enabled: true);
        _off = StateOf(_flag, enabled: false);
    }

    [Benchmark]
    public EnvironmentSnapshot ApplyOneChange()
    {
        _toggle = !_toggle;
        return _snapshot.With(CompiledFlag.Compile(_flag, _toggle ? _on : _off));
    }

    private static Flag FlagNamed(int i)
    {
        var at = DateTimeOffset.UnixEpoch;
        return new Flag
        {
            ProjectKey = "bench", Key = $"flag-{i:D6}", Name = $"Flag {i}", Kind = FlagKind.Boolean, VariantType = VariantType.Boolean,
            Variants = [Variant.On, Variant.Off], Tags = ["web"], CreatedBy = "bench", CreatedAt = at, UpdatedBy = "bench", UpdatedAt = at,
        };
    }

    private static FlagState StateOf(Flag flag, bool enabled) => new()
    {
        ProjectKey = "bench", FlagKey = flag.Key, EnvironmentKey = "production", Enabled = enabled, RolloutBasisPoints = 2_500,
        OnVariant = "on", OffVariant = "off", UpdatedBy = "bench", UpdatedAt = DateTimeOffset.UnixEpoch,
        Rules = [new TargetingRule { Variant = "on", Conditions = [new Condition("groups", ConditionOperator.In, ["beta"])] }],
    };
}
