using System.Text;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;
using static FlagAdmin.Core.Tests.Evaluation.EvaluationFixtures;

namespace FlagAdmin.Core.Tests.Evaluation;

public sealed class FlagEvaluatorTests
{
    private static readonly Condition IsDutch = When("country", ConditionOperator.Equals, "NL");
    private static readonly Condition IsPro = When("plan", ConditionOperator.Equals, "pro");

    [Fact]
    public void An_archived_flag_is_not_found()
    {
        var result = FlagEvaluator.Evaluate(Compile(BooleanFlag(archived: true)), User("user-1"));
        Assert.Equal(EvaluationErrorCode.FlagNotFound, result.ErrorCode);
        Assert.Equal(EvaluationReason.Error, result.Reason);
        Assert.Equal("new-checkout", result.FlagKey);
        Assert.Null(result.Variant);
        Assert.Null(result.Flag);
        Assert.Equal(FlagEvaluator.FlagNotFoundDetails, result.ErrorDetails);
    }

    [Fact]
    public void A_flag_missing_from_the_snapshot_is_not_found_under_the_key_asked_for()
    {
        var snapshot = EnvironmentSnapshot.Create(Project, EnvironmentKey, [Compile(BooleanFlag())]);
        var result = FlagEvaluator.Evaluate(snapshot, "no-such-flag", User("user-1"));
        Assert.Equal(EvaluationErrorCode.FlagNotFound, result.ErrorCode);
        Assert.Equal("no-such-flag", result.FlagKey);
        Assert.Equal(-1, result.VariantIndex);
        Assert.Null(result.ValueJson);

        Assert.Equal(EvaluationErrorCode.FlagNotFound, FlagEvaluator.Evaluate((CompiledFlag?)null, User("user-1")).ErrorCode);
        Assert.Equal("on", FlagEvaluator.Evaluate(snapshot, "new-checkout", User("user-1")).VariantKey);
    }

    [Fact]
    public void A_disabled_flag_serves_its_off_variant_before_any_rule_and_without_a_targeting_key()
    {
        var flag = Compile(BooleanFlag(), enabled: false, rollout: 5_000, rules: Serve("on", IsDutch));
        var result = FlagEvaluator.Evaluate(flag, User(null, ("country", "NL")));
        Assert.Equal("off", result.VariantKey);
        Assert.Equal("false", result.ValueJson);
        Assert.Equal(EvaluationReason.Disabled, result.Reason);
        Assert.False(result.IsError);
    }

    [Fact]
    public void The_first_matching_rule_wins()
    {
        var flag = CompiledFlag.Compile(ColorFlag(), State(ColorFlag(), rollout: 0, on: "blue", off: "red",
            rules: [Serve("green", IsDutch), Serve("blue", IsPro), Serve("red", IsDutch, IsPro)]));

        var both = FlagEvaluator.Evaluate(flag, User("u", ("country", "NL"), ("plan", "pro")));
        Assert.Equal("green", both.VariantKey);
        Assert.Equal(EvaluationReason.TargetingMatch, both.Reason);
        Assert.Equal(1, both.VariantIndex);
        Assert.Equal("\"green\"", both.ValueJson);

        var second = FlagEvaluator.Evaluate(flag, User("u", ("country", "DE"), ("plan", "pro")));
        Assert.Equal("blue", second.VariantKey);
        Assert.Equal(EvaluationReason.TargetingMatch, second.Reason);
    }

    [Fact]
    public void A_rule_serving_one_variant_needs_no_targeting_key()
    {
        var flag = Compile(BooleanFlag(), rollout: 2_500, rules: Serve("on", IsDutch));
        var result = FlagEvaluator.Evaluate(flag, User(null, ("country", "NL")));
        Assert.Equal("on", result.VariantKey);
        Assert.Equal(EvaluationReason.TargetingMatch, result.Reason);
    }

    [Fact]
    public void A_split_rule_assigns_variants_by_bucket_in_cumulative_rule_order()
    {
        var color = ColorFlag();
        var flag = CompiledFlag.Compile(color, State(color, rollout: 0, rules:
            [Split([IsDutch], ("red", 2_000), ("blue", 3_000), ("green", 5_000))]));
        var counts = new Dictionary<string, int>();
        foreach (var key in RandomKeys(100_000, seed: 3))
        {
            var result = FlagEvaluator.Evaluate(flag, User(key, ("country", "NL")));
            Assert.Equal(EvaluationReason.Split, result.Reason);
            var bucket = Bucketing.Bucket(color.Key, key);
            var expected = bucket < 2_000 ? "red" : bucket < 5_000 ? "blue" : "green";
            Assert.Equal(expected, result.VariantKey);
            counts[expected] = counts.GetValueOrDefault(expected) + 1;
        }
        Assert.InRange(counts["red"], 19_500, 20_500);
        Assert.InRange(counts["blue"], 29_500, 30_500);
        Assert.InRange(counts["green"], 49_500, 50_500);
    }

    [Fact]
    public void A_split_share_of_zero_serves_nobody()
    {
        var color = ColorFlag();
        var flag = CompiledFlag.Compile(color, State(color, rules: [Split([], ("red", 0), ("blue", 10_000), ("green", 0))]));
        Assert.All(RandomKeys(2_000, seed: 4), key => Assert.Equal("blue", FlagEvaluator.Evaluate(flag, User(key)).VariantKey));
    }

    [Fact]
    public void A_split_rule_that_is_reached_without_a_targeting_key_is_an_error_with_the_off_variant()
    {
        var flag = Compile(BooleanFlag(), rules: Split([IsDutch], ("on", 5_000), ("off", 5_000)));
        var result = FlagEvaluator.Evaluate(flag, User(null, ("country", "NL")));
        Assert.Equal(EvaluationErrorCode.TargetingKeyMissing, result.ErrorCode);
        Assert.Equal(EvaluationReason.Error, result.Reason);
        Assert.Equal("off", result.VariantKey);
        Assert.Equal(FlagEvaluator.TargetingKeyMissingDetails, result.ErrorDetails);
        Assert.Same(result.Flag, flag);
    }

    [Fact]
    public void A_split_rule_that_is_not_reached_needs_no_targeting_key()
    {
        var flag = Compile(BooleanFlag(), rules: Split([IsDutch], ("on", 5_000), ("off", 5_000)));
        var result = FlagEvaluator.Evaluate(flag, User(null, ("country", "DE")));
        Assert.False(result.IsError);
        Assert.Equal("on", result.VariantKey);
        Assert.Equal(EvaluationReason.Default, result.Reason);
    }

    [Fact]
    public void A_partial_rollout_serves_on_below_the_rollout_bucket_and_off_above_it()
    {
        var flag = Compile(BooleanFlag(), rollout: 2_500);
        foreach (var key in RandomKeys(20_000, seed: 5))
        {
            var result = FlagEvaluator.Evaluate(flag, User(key));
            Assert.Equal(EvaluationReason.Split, result.Reason);
            Assert.Equal(Bucketing.Bucket("new-checkout", key) < 2_500 ? "on" : "off", result.VariantKey);
        }
    }

    [Fact]
    public void Keys_that_no_rule_matches_fall_through_to_the_rollout()
    {
        var flag = Compile(BooleanFlag(), rollout: 2_500, rules: [Serve("off", IsDutch), Serve("on", IsPro)]);
        var servedOn = 0;
        foreach (var key in RandomKeys(20_000, seed: 8))
        {
            var result = FlagEvaluator.Evaluate(flag, User(key, ("country", "DE"), ("plan", "free")));
            Assert.Equal(EvaluationReason.Split, result.Reason);
            servedOn += result.VariantKey == "on" ? 1 : 0;
        }
        Assert.InRange(servedOn, 4_500, 5_500);
    }

    [Fact]
    public void Without_rules_a_full_rollout_is_static_on_and_a_zero_rollout_static_off_even_without_a_targeting_key()
    {
        var full = FlagEvaluator.Evaluate(Compile(BooleanFlag(), rollout: FlagState.FullRollout), EvaluationContext.Empty);
        Assert.Equal(("on", EvaluationReason.Static), (full.VariantKey, full.Reason));
        Assert.False(full.IsError);

        var none = FlagEvaluator.Evaluate(Compile(BooleanFlag(), rollout: 0), EvaluationContext.Empty);
        Assert.Equal(("off", EvaluationReason.Static), (none.VariantKey, none.Reason));
        Assert.False(none.IsError);
    }

    [Fact]
    public void With_rules_that_do_not_match_a_full_or_zero_rollout_is_the_default_and_needs_no_targeting_key()
    {
        var full = FlagEvaluator.Evaluate(Compile(BooleanFlag(), rollout: FlagState.FullRollout, rules: Serve("off", IsDutch)), EvaluationContext.Empty);
        Assert.Equal(("on", EvaluationReason.Default), (full.VariantKey, full.Reason));

        var none = FlagEvaluator.Evaluate(Compile(BooleanFlag(), rollout: 0, rules: Serve("on", IsDutch)), EvaluationContext.Empty);
        Assert.Equal(("off", EvaluationReason.Default), (none.VariantKey, none.Reason));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2_500)]
    [InlineData(9_999)]
    public void A_partial_rollout_without_a_targeting_key_is_an_error_with_the_off_variant(int rollout)
    {
        var flag = Compile(BooleanFlag(), rollout: rollout, rules: Serve("on", IsDutch));
        foreach (var context in new[] { EvaluationContext.Empty, User(null, ("country", "DE")), User("", ("country", "DE")), ParseContext("""{"targetingKey":""}""") })
        {
            var result = FlagEvaluator.Evaluate(flag, context);
            Assert.Equal(EvaluationErrorCode.TargetingKeyMissing, result.ErrorCode);
            Assert.Equal("off", result.VariantKey);
        }
    }

    [Fact]
    public void A_multivariate_flag_serves_the_on_and_off_variants_its_state_names()
    {
        var color = ColorFlag();
        var enabled = CompiledFlag.Compile(color, State(color, on: "red", off: "green"));
        var disabled = CompiledFlag.Compile(color, State(color, enabled: false, on: "red", off: "green"));
        Assert.Equal("red", FlagEvaluator.Evaluate(enabled, User("u")).VariantKey);
        Assert.Equal(2, FlagEvaluator.Evaluate(enabled, User("u")).VariantIndex);
        Assert.Equal("green", FlagEvaluator.Evaluate(disabled, User("u")).VariantKey);
    }

    [Fact]
    public void A_state_naming_an_unknown_variant_compiles_and_evaluates_to_a_general_error()
    {
        var color = ColorFlag();
        var flag = CompiledFlag.Compile(color, State(color, on: "purple", rules: [Serve("pink", IsDutch)]));
        Assert.NotNull(flag.ConfigurationProblem);
        Assert.Contains("purple", flag.ConfigurationProblem);
        Assert.Contains("pink", flag.ConfigurationProblem);
        var result = FlagEvaluator.Evaluate(flag, User("u"));
        Assert.Equal(EvaluationErrorCode.General, result.ErrorCode);
        Assert.Equal(flag.ConfigurationProblem, result.ErrorDetails);
        Assert.Null(result.Variant);
    }

    [Fact]
    public void A_split_that_does_not_add_up_to_a_hundred_percent_evaluates_to_a_general_error()
    {
        var flag = Compile(BooleanFlag(), rules: Split([], ("on", 5_000), ("off", 4_000)));
        Assert.Contains("9000", flag.ConfigurationProblem);
        Assert.Equal(EvaluationErrorCode.General, FlagEvaluator.Evaluate(flag, User("u")).ErrorCode);
    }

    [Fact]
    public void A_state_of_another_flag_cannot_be_compiled_with_it()
    {
        Assert.Throws<ArgumentException>(() => CompiledFlag.Compile(BooleanFlag("a"), State(BooleanFlag("b"))));
    }

    [Fact]
    public void The_result_carries_the_value_as_text_and_bytes_and_the_flag_for_its_metadata()
    {
        var flag = Compile(ColorFlag());
        var result = FlagEvaluator.Evaluate(flag, User("u"));
        Assert.Same(flag, result.Flag);
        Assert.Equal("\"blue\"", result.ValueJson);
        Assert.Equal("\"blue\""u8.ToArray(), result.Variant!.ValueJsonUtf8.ToArray());
        Assert.Equal("blue", Encoding.UTF8.GetString(result.Variant.EncodedKey.EncodedUtf8Bytes));
        Assert.Equal("STATIC", EvaluationNames.Of(result.Reason));
    }

    [Fact]
    public void Reasons_and_error_codes_have_their_OFREP_names()
    {
        Assert.Equal(
            ["STATIC", "TARGETING_MATCH", "SPLIT", "DISABLED", "DEFAULT", "ERROR"],
            Enum.GetValues<EvaluationReason>().Select(EvaluationNames.Of));
        Assert.Equal(
            ["", "FLAG_NOT_FOUND", "TARGETING_KEY_MISSING", "GENERAL", "INVALID_CONTEXT", "PARSE_ERROR"],
            Enum.GetValues<EvaluationErrorCode>().Select(EvaluationNames.Of));
    }
}
