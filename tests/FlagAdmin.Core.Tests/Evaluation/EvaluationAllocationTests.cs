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
        var contexts = new[]
        {
            User("user-2"),
            User("user-9", ("groups", AttributeValue.List("staff"))),
            User("user-10", ("version", "2.0.0-rc.1.5"), ("country", "NL"), ("age", 30), ("beta", true)),
            User("user-11", ("signedUp", "2025-06-01T10:00:00Z"), ("age", 18), ("email", "ann@example.com"), ("beta", true)),
            User(new string('k', 2_000), ("country", "FR")),
            User(null, ("country", "NL")),
            EvaluationContext.Empty,
        };
        string[] keys = [.. flags.Select(f => f.Key), "missing"];

        var served = 0;
        void EvaluateAll()
        {
            foreach (var context in contexts)
            {
                foreach (var key in keys)
                {
                    var result = FlagEvaluator.Evaluate(snapshot, key, context);
                    served += result.Variant is null ? 0 : 1;
                }
            }
        }

        for (var i = 0; i < 2_000; i++)
        {
            EvaluateAll();
        }
        served = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            EvaluateAll();
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(served > 10_000 * contexts.Length * 3, $"only {served} evaluations served a variant; the paths were not exercised");
    }
}
