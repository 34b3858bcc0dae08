using System.Buffers;
using System.Text;
using System.Text.Json;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;
using static FlagAdmin.Core.Tests.Evaluation.EvaluationFixtures;

namespace FlagAdmin.Core.Tests.Evaluation;

/// <summary>
/// The OFREP items kept ready per flag are exactly what the evaluator's result serializes to, for whatever a
/// context makes the flag serve. The expected bytes are written here from the result's fields with a plain
/// <see cref="Utf8JsonWriter"/>, independently of <see cref="OfrepJson"/>.
/// </summary>
public sealed class PreparedResultsTests
{
    private static readonly string[] Countries = ["NL", "DE", "US", "FR"];
    private static readonly string[] Plans = ["free", "pro", "team"];

    [Fact]
    public void Every_prepared_item_equals_the_serialized_result_over_ten_thousand_random_contexts()
    {
        var random = new Random(20261207);
        var flags = Enumerable.Range(0, 60).Select(i => RandomFlag(random, i)).ToArray();
        var keys = RandomKeys(300, seed: 7);
        var seen = new HashSet<string>();

        for (var round = 0; round < 10_000; round++)
        {
            var context = RandomContext(random, keys);
            foreach (var flag in flags)
            {
                var result = FlagEvaluator.Evaluate(flag, context);
                var prepared = flag.Prepared.Find(result);
                seen.Add(result.IsError ? result.ErrorCode.ToString() : result.Reason.ToString());
                if (result.ErrorCode == EvaluationErrorCode.FlagNotFound)
                {
                    Assert.Null(prepared);
                    continue;
                }
                Assert.True(prepared is not null, $"No prepared item for {result} (round {round}).");
                var expected = Serialize(flag, result);
                Assert.True(expected.AsSpan().SequenceEqual(prepared),
                    $"Round {round}, {result}:\nexpected {Encoding.UTF8.GetString(expected)}\nprepared {Encoding.UTF8.GetString(prepared)}");
            }
        }

        // The random flags and contexts reached every outcome, so every kind of item was compared.
        Assert.Equal(
            ["Default", "Disabled", "FlagNotFound", "General", "Split", "Static", "TargetingKeyMissing", "TargetingMatch"],
            seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_disabled_flag_keeps_only_its_off_item()
    {
        var disabled = Compile(BooleanFlag(), enabled: false, rollout: 5_000, rules: Serve("on", When("plan", ConditionOperator.Equals, "pro")));
        Assert.NotNull(disabled.Prepared.Find(FlagEvaluator.Evaluate(disabled, User("user-1"))));

        // What the same flag would serve when enabled: on by its rule, a split, a missing targeting key.
        var enabled = Compile(BooleanFlag(), rollout: 5_000, rules: Serve("on", When("plan", ConditionOperator.Equals, "pro")));
        var outcomes = new[] { User("user-1", ("plan", "pro")), User("user-1"), User(null) }.Select(c => FlagEvaluator.Evaluate(enabled, c)).ToArray();
        Assert.Equal([EvaluationReason.TargetingMatch, EvaluationReason.Split, EvaluationReason.Error], outcomes.Select(r => r.Reason));
        Assert.All(outcomes, r => Assert.NotNull(enabled.Prepared.Find(r)));
        Assert.All(outcomes, r => Assert.Null(disabled.Prepared.Find(r)));
    }

    [Fact]
    public void Lean_metadata_keeps_the_versions_and_config_and_leaves_the_rest_to_full()
    {
        var definition = BooleanFlag() with { Owner = "team-checkout", Tags = ["checkout"] };
        var flag = CompiledFlag.Compile(definition, State(definition) with { Config = """{"limit":5}""" });

        using var lean = JsonDocument.Parse(flag.LeanMetadataJsonUtf8.ToArray());
        Assert.Equal(["config", "flagVersion", "stateVersion"], lean.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, lean.RootElement.GetProperty("flagVersion").GetInt32());
        Assert.Equal(7, lean.RootElement.GetProperty("stateVersion").GetInt32());
        Assert.Equal("""{"limit":5}""", lean.RootElement.GetProperty("config").GetString());
        Assert.Equal(["config", "environment", "flagVersion", "name", "owner", "project", "stateVersion", "tags"], flag.Metadata.Keys);
    }

    private static byte[] Serialize(CompiledFlag flag, in EvaluationResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("key", result.FlagKey);
            if (result.IsError)
            {
                writer.WriteString("errorCode", result.ErrorCode switch
                {
                    EvaluationErrorCode.TargetingKeyMissing => "TARGETING_KEY_MISSING",
                    EvaluationErrorCode.General => "GENERAL",
                    var other => throw new InvalidOperationException($"The evaluator does not give {other}."),
                });
                writer.WriteString("errorDetails", result.ErrorDetails);
            }
            else
            {
                writer.WritePropertyName("value");
                writer.WriteRawValue(result.ValueJson!);
                writer.WriteString("reason", result.Reason switch
                {
                    EvaluationReason.Static => "STATIC",
                    EvaluationReason.TargetingMatch => "TARGETING_MATCH",
                    EvaluationReason.Split => "SPLIT",
                    EvaluationReason.Disabled => "DISABLED",
                    EvaluationReason.Default => "DEFAULT",
                    var other => throw new InvalidOperationException($"A value is never served with {other}."),
                });
                writer.WriteString("variant", result.VariantKey);
                writer.WriteStartObject("metadata");
                if (flag.Metadata.TryGetValue("config", out var config))
                {
                    writer.WriteString("config", (string)config);
                }
                writer.WriteNumber("flagVersion", flag.FlagVersion);
                writer.WriteNumber("stateVersion", flag.StateVersion);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static CompiledFlag RandomFlag(Random random, int number)
    {
        var multivariate = random.Next(2) == 0;
        var definition = (multivariate ? ColorFlag($"flag-{number}") : BooleanFlag($"flag-{number}")) with
        {
            Archived = random.Next(15) == 0,
            Version = (uint)random.Next(1, int.MaxValue) * 2u,
            Variants = multivariate
                ? [new Variant("blue", "\"blue\""), new Variant("green", """{"shade":"vert clair é","n":[1,2.5]}"""), new Variant("red", "\"<red> & 'rouge'\"")]
                : [Variant.On, Variant.Off],
        };
        var variants = definition.Variants.Select(v => v.Key).ToArray();
        var rules = Enumerable.Range(0, random.Next(4)).Select(_ => RandomRule(random, variants)).ToArray();
        var state = State(definition, enabled: random.Next(5) != 0, rollout: random.Next(4) switch
        {
            0 => 0,
            1 => FlagState.FullRollout,
            _ => random.Next(1, FlagState.FullRollout),
        }, on: Pick(random, variants), off: random.Next(25) == 0 ? "missing-variant" : Pick(random, variants), rules: rules) with
        {
            Version = (uint)random.Next(),
            Config = random.Next(3) == 0 ? """{"limit":5,"label":"naïve \"quoted\" <b>"}""" : null,
        };
        return CompiledFlag.Compile(definition, state);
    }

    private static TargetingRule RandomRule(Random random, string[] variants)
    {
        Condition[] conditions = random.Next(4) switch
        {
            0 => [When("country", ConditionOperator.In, Countries[..2])],
            1 => [When("plan", ConditionOperator.Equals, Pick(random, Plans))],
            2 => [When("age", ConditionOperator.GreaterThanOrEqual, "18"), When("country", ConditionOperator.NotIn, "US")],
            _ => [],
        };
        if (random.Next(2) == 0)
        {
            return Serve(Pick(random, variants), conditions);
        }
        var first = random.Next(0, FlagState.FullRollout + 1);
        return Split(conditions, (variants[0], first), (variants[^1], FlagState.FullRollout - first));
    }

    private static EvaluationContext RandomContext(Random random, string[] keys)
    {
        var attributes = new List<(string, AttributeValue)>();
        if (random.Next(3) != 0)
        {
            attributes.Add(("country", Pick(random, Countries)));
        }
        if (random.Next(2) == 0)
        {
            attributes.Add(("plan", Pick(random, Plans)));
        }
        if (random.Next(2) == 0)
        {
            attributes.Add(("age", random.Next(10, 60)));
        }
        return User(random.Next(6) == 0 ? null : Pick(random, keys), [.. attributes]);
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
