using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Tests.Targeting;

public sealed class TargetingValidatorTests
{
    private static readonly Flag ButtonColor = new()
    {
        ProjectKey = "shop",
        Key = "button-color",
        Name = "Button color",
        Kind = FlagKind.Multivariate,
        VariantType = VariantType.String,
        Variants = [new Variant("blue", "\"blue\""), new Variant("green", "\"green\""), new Variant("red", "\"red\"")],
        CreatedBy = "alice",
        CreatedAt = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero),
        UpdatedBy = "alice",
        UpdatedAt = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero),
    };

    private static TargetingRule Serve(string variant, params Condition[] conditions) =>
        new() { Variant = variant, Conditions = [.. conditions] };

    private static Condition When(string attribute, ConditionOperator op, params string[] values) => new(attribute, op, [.. values]);

    /// <summary>Normalizes the rules and returns them with the messages reported for the "rules" field.</summary>
    private static (ValueList<TargetingRule> Rules, string[] Errors) Check(params TargetingRule[] rules)
    {
        var errors = new ValidationErrors();
        var normalized = TargetingValidator.Normalize([.. rules], ButtonColor, errors);
        try
        {
            errors.ThrowIfAny();
            return (normalized, []);
        }
        catch (ValidationException e)
        {
            Assert.Equal(["rules"], e.Errors.Keys);
            return (normalized, e.Errors["rules"]);
        }
    }

    [Fact]
    public void A_rule_serving_one_known_variant_is_accepted()
    {
        var (rules, errors) = Check(Serve("green", When("country", ConditionOperator.In, "de", "at")));

        Assert.Empty(errors);
        Assert.Equal("green", Assert.Single(rules).Variant);
    }

    [Fact]
    public void A_rule_serving_neither_a_variant_nor_a_split_is_rejected()
    {
        var (_, errors) = Check(new TargetingRule { Variant = "  " });

        Assert.Equal(["Rule 1 must serve either one variant or a percentage split, not neither."], errors);
    }

    [Fact]
    public void A_rule_serving_both_a_variant_and_a_split_is_rejected()
    {
        var (_, errors) = Check(new TargetingRule { Variant = "blue", Split = [new SplitShare("blue", 5_000), new SplitShare("green", 5_000)] });

        Assert.Equal(["Rule 1 must serve either one variant or a percentage split, not both."], errors);
    }

    [Fact]
    public void A_split_adding_up_to_100_percent_is_accepted()
    {
        var (rules, errors) = Check(new TargetingRule { Split = [new SplitShare("blue", 3_333), new SplitShare("green", 3_333), new SplitShare("red", 3_334)] });

        Assert.Empty(errors);
        Assert.Null(Assert.Single(rules).Variant);
    }

    [Theory]
    [InlineData(6_000, 3_000, "90")]
    [InlineData(6_000, 5_000, "110")]
    public void A_split_not_adding_up_to_100_percent_is_rejected(int blue, int green, string percent)
    {
        var (_, errors) = Check(new TargetingRule { Split = [new SplitShare("blue", blue), new SplitShare("green", green)] });

        Assert.Equal([$"Rule 1: the split adds up to {percent} %; it must add up to 100 %."], errors);
    }

    [Fact]
    public void A_negative_split_share_is_rejected_even_when_the_total_is_right()
    {
        var (_, errors) = Check(new TargetingRule { Split = [new SplitShare("blue", 11_000), new SplitShare("green", -1_000)] });

        Assert.Equal(
            ["Rule 1: each split share must be between 0 and 100 %.", "Rule 1: each split share must be between 0 and 100 %."],
            errors);
    }

    [Fact]
    public void Unknown_variants_are_rejected_in_rules_and_splits()
    {
        var (_, errors) = Check(
            Serve("green"),
            Serve("purple"),
            new TargetingRule { Split = [new SplitShare("blue", 5_000), new SplitShare("yellow", 5_000)] });

        Assert.Equal(
            [
                "Rule 2: the variant must be one of the flag's variants (blue, green, red), not 'purple'.",
                "Rule 3: a split variant must be one of the flag's variants (blue, green, red), not 'yellow'.",
            ],
            errors);
    }

    [Theory]
    [InlineData(ConditionOperator.In)]
    [InlineData(ConditionOperator.NotIn)]
    public void List_operators_need_at_least_one_value(ConditionOperator op)
    {
        Assert.Equal(["Rule 1, condition 1 needs at least one value."], Check(Serve("blue", When("country", op))).Errors);
        Assert.Empty(Check(Serve("blue", When("country", op, "de"))).Errors);
        Assert.Empty(Check(Serve("blue", When("country", op, "de", "at", "ch"))).Errors);
    }

    [Theory]
    [InlineData(ConditionOperator.Equals, "a", "b")]
    [InlineData(ConditionOperator.NotEquals, "a", "b")]
    [InlineData(ConditionOperator.Contains, "a", "b")]
    [InlineData(ConditionOperator.StartsWith, "a", "b")]
    [InlineData(ConditionOperator.EndsWith, "a", "b")]
    [InlineData(ConditionOperator.LessThan, "1", "2")]
    [InlineData(ConditionOperator.GreaterThanOrEqual, "1", "2")]
    [InlineData(ConditionOperator.SemVerEquals, "1.0.0", "2.0.0")]
    [InlineData(ConditionOperator.Before, "2026-01-31T12:00:00Z", "2026-02-01T12:00:00Z")]
    public void Other_operators_need_exactly_one_value(ConditionOperator op, string first, string second)
    {
        Assert.Equal(["Rule 1, condition 1 needs exactly one value."], Check(Serve("blue", When("x", op))).Errors);
        Assert.Equal(["Rule 1, condition 1 needs exactly one value."], Check(Serve("blue", When("x", op, first, second))).Errors);
        Assert.Empty(Check(Serve("blue", When("x", op, first))).Errors);
    }

    [Theory]
    [InlineData(ConditionOperator.LessThan, "42")]
    [InlineData(ConditionOperator.LessThanOrEqual, "-0.5")]
    [InlineData(ConditionOperator.GreaterThan, "1e3")]
    [InlineData(ConditionOperator.GreaterThanOrEqual, "3.14")]
    public void Numeric_operators_accept_numbers(ConditionOperator op, string value)
    {
        Assert.Empty(Check(Serve("blue", When("age", op, value))).Errors);
    }

    [Theory]
    [InlineData(ConditionOperator.LessThan, "forty")]
    [InlineData(ConditionOperator.LessThanOrEqual, "")]
    [InlineData(ConditionOperator.GreaterThan, "1,5")]
    [InlineData(ConditionOperator.GreaterThanOrEqual, "12abc")]
    public void Numeric_operators_reject_values_that_are_not_numbers(ConditionOperator op, string value)
    {
        Assert.Equal([$"Rule 1, condition 1: '{value}' is not a number."], Check(Serve("blue", When("age", op, value))).Errors);
    }

    [Theory]
    [InlineData(ConditionOperator.SemVerEquals, "1.4.2")]
    [InlineData(ConditionOperator.SemVerLessThan, "v2.0.0-rc.1")]
    [InlineData(ConditionOperator.SemVerGreaterThan, "1.0.0+build.5")]
    public void Semver_operators_accept_semantic_versions(ConditionOperator op, string value)
    {
        Assert.Empty(Check(Serve("blue", When("app-version", op, value))).Errors);
    }

    [Theory]
    [InlineData(ConditionOperator.SemVerEquals, "1.4")]
    [InlineData(ConditionOperator.SemVerLessThan, "latest")]
    [InlineData(ConditionOperator.SemVerGreaterThan, "1.2.3.4")]
    public void Semver_operators_reject_values_that_are_not_semantic_versions(ConditionOperator op, string value)
    {
        Assert.Equal(
            [$"Rule 1, condition 1: '{value}' is not a semantic version such as 1.4.2."],
            Check(Serve("blue", When("app-version", op, value))).Errors);
    }

    [Theory]
    [InlineData(ConditionOperator.Before, "2026-01-31T12:00:00Z")]
    [InlineData(ConditionOperator.After, "2026-01-31")]
    [InlineData(ConditionOperator.After, "2026-01-31T12:00:00+02:00")]
    public void Date_operators_accept_dates(ConditionOperator op, string value)
    {
        Assert.Empty(Check(Serve("blue", When("signed-up", op, value))).Errors);
    }

    [Theory]
    [InlineData(ConditionOperator.Before, "yesterday")]
    [InlineData(ConditionOperator.After, "2026-02-30T10:00:00Z")]
    public void Date_operators_reject_values_that_are_not_dates(ConditionOperator op, string value)
    {
        Assert.Equal(
            [$"Rule 1, condition 1: '{value}' is not a date-time such as 2026-01-31T12:00:00Z."],
            Check(Serve("blue", When("signed-up", op, value))).Errors);
    }

    [Fact]
    public void String_operators_accept_any_text()
    {
        Assert.Empty(Check(Serve("blue", When("email", ConditionOperator.EndsWith, "@example.com"))).Errors);
        Assert.Empty(Check(Serve("blue", When("email", ConditionOperator.Equals, ""))).Errors);
    }

    [Fact]
    public void Every_value_of_a_list_is_checked_and_named()
    {
        var errors = Check(Serve("blue", When("build", ConditionOperator.In, "1", "2"), When("age", ConditionOperator.LessThan, "x"))).Errors;

        Assert.Equal(["Rule 1, condition 2: 'x' is not a number."], errors);
    }

    [Fact]
    public void A_condition_needs_an_attribute_name()
    {
        Assert.Equal(
            ["Rule 1, condition 1 needs an attribute name of 1 to 128 characters."],
            Check(Serve("blue", When("  ", ConditionOperator.Equals, "x"))).Errors);
    }

    [Fact]
    public void An_undefined_operator_is_rejected()
    {
        Assert.Equal(
            ["Rule 1, condition 1 has an unknown operator."],
            Check(Serve("blue", When("country", (ConditionOperator)999, "de"))).Errors);
    }

    [Fact]
    public void Problems_of_several_rules_are_reported_together_with_their_positions()
    {
        var errors = Check(
            Serve("blue", When("age", ConditionOperator.GreaterThan, "old")),
            Serve("green"),
            new TargetingRule()).Errors;

        Assert.Equal(
            [
                "Rule 1, condition 1: 'old' is not a number.",
                "Rule 3 must serve either one variant or a percentage split, not neither.",
            ],
            errors);
    }

    [Fact]
    public void Rule_names_variants_and_attributes_are_trimmed()
    {
        var (rules, errors) = Check(new TargetingRule
        {
            Name = "  Beta testers ",
            Variant = " red ",
            Conditions = [When(" plan ", ConditionOperator.Equals, "pro")],
        });

        Assert.Empty(errors);
        var rule = Assert.Single(rules);
        Assert.Equal("Beta testers", rule.Name);
        Assert.Equal("red", rule.Variant);
        Assert.Equal("plan", Assert.Single(rule.Conditions).Attribute);
    }
}
