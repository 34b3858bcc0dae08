using System.Runtime.CompilerServices;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Targeting;
using static FlagAdmin.Core.Tests.Evaluation.EvaluationFixtures;

namespace FlagAdmin.Core.Tests.Evaluation;

/// <summary>The hot path allocates nothing: a property of the code, measured in bytes, not in time.</summary>
public sealed class EvaluationAllocationTests
{
    [Fact]
    public void Evaluating_flags_allocates_nothing_on_any_path()
    {
        var color = ColorFlag();
        var flags = new[]
        {
            Compile(BooleanFlag(), rollout: 2_500, rules:
            [
                Serve("on", When("targetingKey", ConditionOperator.In, "user-1", "user-2", "user-3")),
                Serve("on", When("groups", ConditionOperator.In, "beta", "staff")),
            ]),
            CompiledFlag.Compile(color, State(color, rules:
            [
                Serve("red", When("version", ConditionOperator.SemVerLessThan, "2.0.0-rc.2")),
                Split([When("country", ConditionOperator.NotIn, "US", "CA")], ("blue", 5_000), ("green", 5_000)),
            ])),
            Compile(BooleanFlag("dates"), rollout: 0, rules: Serve("on",
                When("signedUp", ConditionOperator.After, "2025-01-01"), When("age", ConditionOperator.GreaterThanOrEqual, "18"),
                When("email", ConditionOperator.EndsWith, "@example.com"), When("beta", ConditionOperator.Equals, "true"))),
            Compile(BooleanFlag("off"), enabled: false),
            Compile(BooleanFlag("gone", archived: true)),
            Compile(BooleanFlag("static")),
        };
        var snapshot = EnvironmentSnapshot.Create(Project, EnvironmentKey, flags);
        (string Name, EvaluationContext Context)[] contexts =
        [
            ("user-2", User("user-2")),
            ("user-9 (groups)", User("user-9", ("groups", AttributeValue.List("staff")))),
            ("user-10 (version, country, age, beta)",
                User("user-10", ("version", "2.0.0-rc.1.5"), ("country", "NL"), ("age", 30), ("beta", true))),
            ("user-11 (signedUp, age, email, beta)",
                User("user-11", ("signedUp", "2025-06-01T10:00:00Z"), ("age", 18), ("email", "ann@example.com"), ("beta", true))),
            ("2,000-character key (country)", User(new string('k', 2_000), ("country", "FR"))),
            ("no key (country)", User(null, ("country", "NL"))),
            ("empty", EvaluationContext.Empty),
        ];
        string[] keys = [.. flags.Select(f => f.Key), "missing"];

        // One round does the one-time work (type loading, static constructors, first JIT, the pooled buffer
        // for the long key); it is not steady state. Measuring starts right after it, so the first code the
        // runtime runs (ReadyToRun, tier 0, instrumented) is measured on every run, however loaded the machine;
        // the rounds go on long enough for tiering to reach its final code on a quiet one.
        var paths = new PathBytes(contexts.Length, keys.Length);
        Measure(snapshot, contexts, keys, paths, rounds: 1);
        paths = new PathBytes(contexts.Length, keys.Length);
        var (allocated, served) = Measure(snapshot, contexts, keys, paths, MeasuredRounds);

        Assert.True(allocated == 0, $"{allocated:N0} bytes allocated over {MeasuredRounds:N0} rounds; by path: "
            + (paths.Describe(contexts.Select(c => c.Name).ToArray(), keys) is { Length: > 0 } byPath
                ? byPath
                : "none inside an evaluation, so the measuring loop itself allocated"));
        Assert.True(served > MeasuredRounds * contexts.Length * 3, $"only {served} evaluations served a variant; the paths were not exercised");
    }

    // Covers the 2,000 unmeasured warm-up rounds and the 10,000 measured ones this test used to have.
    private const int MeasuredRounds = 12_000;

    /// <summary>
    /// Evaluates every key for every context <paramref name="rounds"/> times; returns the bytes allocated on
    /// this thread over the whole loop and how many evaluations served a variant, and adds each evaluation's
    /// bytes to its path in <paramref name="paths"/>. Compiled fully optimized at once, so the loop itself is
    /// never swapped for another tier or entered through on-stack replacement mid-measurement (in a probe, that
    /// transition allocated a few bytes on the measuring thread); the evaluations still run at whatever tier
    /// they have reached.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (long Allocated, int Served) Measure(EnvironmentSnapshot snapshot, (string Name, EvaluationContext Context)[] contexts,
        string[] keys, PathBytes paths, int rounds)
    {
        var served = 0;
        var start = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < contexts.Length; c++)
            {
                for (var k = 0; k < keys.Length; k++)
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var result = Evaluate(snapshot, keys[k], contexts[c].Context);
                    var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                    if (bytes != 0)
                    {
                        paths.Add(c, k, bytes, round);
                    }
                    served += result.Variant is null ? 0 : 1;
                }
            }
        }
        return (GC.GetAllocatedBytesForCurrentThread() - start, served);
    }

    // Kept out of the measuring loop, so the evaluator is compiled, inlined and tiered as for any caller.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static EvaluationResult Evaluate(EnvironmentSnapshot snapshot, string key, in EvaluationContext context) =>
        FlagEvaluator.Evaluate(snapshot, key, context);

    /// <summary>Bytes per (context, flag key) path and the first round each allocated in; filled without allocating.</summary>
    private sealed class PathBytes(int contexts, int keys)
    {
        private readonly long[] _bytes = new long[contexts * keys];
        private readonly int[] _firstRound = new int[contexts * keys];

        public void Add(int context, int key, long bytes, int round)
        {
            var i = context * keys + key;
            if (_bytes[i] == 0)
            {
                _firstRound[i] = round;
            }
            _bytes[i] += bytes;
        }

        public string Describe(string[] contextNames, string[] keyNames) => string.Join("; ",
            from i in Enumerable.Range(0, _bytes.Length)
            where _bytes[i] != 0
            select $"context {contextNames[i / keys]} × flag {keyNames[i % keys]}: {_bytes[i]:N0} bytes, first in round {_firstRound[i]:N0}");
    }
}
