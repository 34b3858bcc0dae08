using System.Text.Json;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;
using static FlagAdmin.Core.Tests.Evaluation.EvaluationFixtures;

namespace FlagAdmin.Core.Tests.Evaluation;

public sealed class CompiledFlagTests
{
    [Fact]
    public void Variants_are_resolved_to_indices_with_their_JSON_as_text_and_bytes()
    {
        var color = ColorFlag();
        var flag = CompiledFlag.Compile(color, State(color, on: "green", off: "red"));
        Assert.Equal(["blue", "green", "red"], flag.Variants.Select(v => v.Key));
        Assert.Equal([0, 1, 2], flag.Variants.Select(v => v.Index));
        Assert.All(flag.Variants, v => Assert.Equal(System.Text.Encoding.UTF8.GetBytes(v.ValueJson), v.ValueJsonUtf8.ToArray()));
        Assert.Same(flag.Variants[1], flag.OnVariant);
        Assert.Same(flag.Variants[2], flag.OffVariant);
        Assert.Equal(VariantType.String, flag.VariantType);
        Assert.Null(flag.ConfigurationProblem);
    }

    [Fact]
    public void The_flag_carries_its_state_and_versions()
    {
        var flag = Compile(BooleanFlag(), enabled: false, rollout: 1_234, rules: [Serve("on"), Serve("off")]);
        Assert.Equal((Project, EnvironmentKey, "new-checkout"), (flag.ProjectKey, flag.EnvironmentKey, flag.Key));
        Assert.False(flag.IsEnabled);
        Assert.False(flag.IsArchived);
        Assert.Equal(1_234, flag.RolloutBasisPoints);
        Assert.Equal(2, flag.RuleCount);
        Assert.Equal((3u, 7u), (flag.FlagVersion, flag.StateVersion));
    }

    [Fact]
    public void Metadata_is_an_object_of_strings_and_numbers_ready_to_write()
    {
        var definition = BooleanFlag() with { Owner = "team-checkout", Tags = ["checkout", "q1"] };
        var flag = CompiledFlag.Compile(definition, State(definition) with { Config = """{"limit":5}""" });

        using var json = JsonDocument.Parse(flag.MetadataJsonUtf8.ToArray());
        var root = json.RootElement;
        Assert.Equal("shop", root.GetProperty("project").GetString());
        Assert.Equal("production", root.GetProperty("environment").GetString());
        Assert.Equal("New checkout", root.GetProperty("name").GetString());
        Assert.Equal("team-checkout", root.GetProperty("owner").GetString());
        Assert.Equal("checkout,q1", root.GetProperty("tags").GetString());
        Assert.Equal("""{"limit":5}""", root.GetProperty("config").GetString());
        Assert.Equal(3, root.GetProperty("flagVersion").GetInt32());
        Assert.Equal(7, root.GetProperty("stateVersion").GetInt32());
        Assert.All(root.EnumerateObject(), p => Assert.True(p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number, p.Name));
        Assert.Equal(root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), flag.Metadata.Keys);
    }

    [Fact]
    public void Metadata_leaves_out_what_is_not_set()
    {
        var flag = Compile(BooleanFlag());
        Assert.Equal(["environment", "flagVersion", "name", "project", "stateVersion"], flag.Metadata.Keys);
    }

    [Fact]
    public void Equal_content_gives_an_equal_content_hash_and_any_change_a_different_one()
    {
        var definition = BooleanFlag();
        var state = State(definition, rules: [Serve("on", When("plan", ConditionOperator.In, "pro", "team"))]);
        var hash = CompiledFlag.Compile(definition, state).ContentHash;
        Assert.Equal(hash, CompiledFlag.Compile(definition with { }, state with { }).ContentHash);

        Assert.NotEqual(hash, CompiledFlag.Compile(definition, state with { RolloutBasisPoints = 9_999 }).ContentHash);
        Assert.NotEqual(hash, CompiledFlag.Compile(definition, state with { Enabled = false }).ContentHash);
        Assert.NotEqual(hash, CompiledFlag.Compile(definition, state with { Rules = [Serve("on", When("plan", ConditionOperator.In, "pro"))] }).ContentHash);
        Assert.NotEqual(hash, CompiledFlag.Compile(definition with { Archived = true }, state).ContentHash);
        Assert.NotEqual(hash, CompiledFlag.Compile(definition, state with { EnvironmentKey = "staging" }).ContentHash);
    }
}
