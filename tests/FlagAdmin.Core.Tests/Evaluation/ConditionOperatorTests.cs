using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Targeting;
using static FlagAdmin.Core.Targeting.ConditionOperator;
using static FlagAdmin.Core.Tests.Evaluation.EvaluationFixtures;

namespace FlagAdmin.Core.Tests.Evaluation;

/// <summary>
/// Each operator through the evaluator: a flag whose one rule serves "on" and whose rollout is 0 %, so
/// the rule matched exactly when the result is TARGETING_MATCH. Rule values are separated by '|';
/// contexts are OFREP JSON with the attribute "a".
/// </summary>
public sealed class ConditionOperatorTests
{
    private static bool Matches(Condition condition, in EvaluationContext context)
    {
        var flag = Compile(BooleanFlag(), rollout: 0, rules: Serve("on", condition));
        var result = FlagEvaluator.Evaluate(flag, context);
        Assert.False(result.IsError, result.ToString());
        return result.Reason == EvaluationReason.TargetingMatch;
    }

    private static bool Matches(ConditionOperator op, string values, string contextJson) =>
        Matches(When("a", op, values.Split('|')), ParseContext(contextJson));

    [Theory]
    [InlineData(ConditionOperator.Equals, "NL", """{"a":"NL"}""")]
    [InlineData(ConditionOperator.Equals, "3", """{"a":3}""")]
    [InlineData(ConditionOperator.Equals, "3", """{"a":3.0}""")]
    [InlineData(ConditionOperator.Equals, "true", """{"a":true}""")]
    [InlineData(ConditionOperator.Equals, "false", """{"a":false}""")]
    [InlineData(ConditionOperator.Equals, "beta", """{"a":["alpha","beta"]}""")]
    [InlineData(NotEquals, "NL", """{"a":"DE"}""")]
    [InlineData(NotEquals, "NL", """{"a":"nl"}""")]
    [InlineData(NotEquals, "3", """{"a":4}""")]
    [InlineData(NotEquals, "true", """{"a":false}""")]
    [InlineData(NotEquals, "beta", """{"a":["alpha"]}""")]
    [InlineData(In, "NL|DE|FR", """{"a":"DE"}""")]
    [InlineData(In, "beta|gamma", """{"a":["alpha","gamma"]}""")]
    [InlineData(In, "1|2|3", """{"a":2}""")]
    [InlineData(In, "7", """{"a":[7,8]}""")]
    [InlineData(NotIn, "NL|DE", """{"a":"FR"}""")]
    [InlineData(NotIn, "NL|DE", """{"a":["FR","BE"]}""")]
    [InlineData(NotIn, "NL|DE", """{"a":[]}""")]
    [InlineData(NotIn, "1|2", """{"a":3}""")]
    [InlineData(Contains, "@example", """{"a":"ann@example.com"}""")]
    [InlineData(Contains, "adm", """{"a":["user","sysadmin"]}""")]
    [InlineData(StartsWith, "ann", """{"a":"ann@example.com"}""")]
    [InlineData(EndsWith, ".com", """{"a":"ann@example.com"}""")]
    [InlineData(LessThan, "18", """{"a":17.5}""")]
    [InlineData(LessThanOrEqual, "18", """{"a":18}""")]
    [InlineData(GreaterThan, "18", """{"a":18.01}""")]
    [InlineData(GreaterThanOrEqual, "18", """{"a":18}""")]
    [InlineData(GreaterThan, "-1.5e3", """{"a":-1000}""")]
    [InlineData(SemVerEquals, "1.2.3", """{"a":"v1.2.3+build.9"}""")]
    [InlineData(SemVerLessThan, "2.0.0", """{"a":"1.10.0"}""")]
    [InlineData(SemVerLessThan, "1.0.0", """{"a":"1.0.0-rc.1"}""")]
    [InlineData(SemVerGreaterThan, "1.0.0-beta.2", """{"a":"1.0.0-beta.11"}""")]
    [InlineData(SemVerGreaterThan, "1.9.9", """{"a":"1.10.0"}""")]
    [InlineData(Before, "2026-01-01T00:00:00Z", """{"a":"2025-12-31T23:59:59Z"}""")]
    [InlineData(Before, "2026-01-01", """{"a":"2025-12-31"}""")]
    [InlineData(After, "2026-01-01T00:00:00Z", """{"a":"2026-01-01T03:00:00+02:00"}""")]
    public void Operators_match_what_they_should(ConditionOperator op, string values, string contextJson)
    {
        Assert.True(Matches(op, values, contextJson));
    }

    [Theory]
    [InlineData(ConditionOperator.Equals, "NL", """{"a":"nl"}""")]
    [InlineData(ConditionOperator.Equals, "NL", """{"a":"NL "}""")]
    [InlineData(ConditionOperator.Equals, "3", """{"a":4}""")]
    [InlineData(ConditionOperator.Equals, "true", """{"a":false}""")]
    [InlineData(ConditionOperator.Equals, "beta", """{"a":["alpha"]}""")]
    [InlineData(ConditionOperator.Equals, "beta", """{"a":[]}""")]
    [InlineData(NotEquals, "NL", """{"a":"NL"}""")]
    [InlineData(NotEquals, "beta", """{"a":["alpha","beta"]}""")]
    [InlineData(NotEquals, "3", """{"a":3}""")]
    [InlineData(In, "NL|DE", """{"a":"FR"}""")]
    [InlineData(In, "NL|DE", """{"a":"nl"}""")]
    [InlineData(In, "1|2", """{"a":3}""")]
    [InlineData(In, "1|2", """{"a":[]}""")]
    [InlineData(NotIn, "NL|DE", """{"a":"DE"}""")]
    [InlineData(NotIn, "NL|DE", """{"a":["FR","DE"]}""")]
    [InlineData(Contains, "@example", """{"a":"ann@sample.com"}""")]
    [InlineData(Contains, "Adm", """{"a":"admin"}""")]
    [InlineData(StartsWith, "ann", """{"a":"joann"}""")]
    [InlineData(EndsWith, ".com", """{"a":"x.co"}""")]
    [InlineData(LessThan, "18", """{"a":18}""")]
    [InlineData(LessThanOrEqual, "18", """{"a":18.5}""")]
    [InlineData(GreaterThan, "18", """{"a":18}""")]
    [InlineData(GreaterThanOrEqual, "18", """{"a":17.99}""")]
    [InlineData(SemVerEquals, "1.2.3", """{"a":"1.2.4"}""")]
    [InlineData(SemVerEquals, "1.2.3", """{"a":"1.2.3-rc.1"}""")]
    [InlineData(SemVerLessThan, "1.0.0", """{"a":"1.0.0"}""")]
    [InlineData(SemVerGreaterThan, "1.10.0", """{"a":"1.9.0"}""")]
    [InlineData(Before, "2026-01-01T00:00:00Z", """{"a":"2026-01-01T00:00:00Z"}""")]
    [InlineData(After, "2026-01-01T00:00:00Z", """{"a":"2025-06-01T00:00:00Z"}""")]
    [InlineData(After, "2026-01-01T00:00:00Z", """{"a":"2026-01-01T01:00:00+02:00"}""")]
    public void Operators_do_not_match_what_they_should_not(ConditionOperator op, string values, string contextJson)
    {
        Assert.False(Matches(op, values, contextJson));
    }

    [Theory]
    [InlineData(ConditionOperator.Equals, "NL")]
    [InlineData(NotEquals, "NL")]
    [InlineData(In, "NL|DE")]
    [InlineData(NotIn, "NL|DE")]
    [InlineData(Contains, "x")]
    [InlineData(StartsWith, "x")]
    [InlineData(EndsWith, "x")]
    [InlineData(LessThan, "18")]
    [InlineData(LessThanOrEqual, "18")]
    [InlineData(GreaterThan, "18")]
    [InlineData(GreaterThanOrEqual, "18")]
    [InlineData(SemVerEquals, "1.0.0")]
    [InlineData(SemVerLessThan, "1.0.0")]
    [InlineData(SemVerGreaterThan, "1.0.0")]
    [InlineData(Before, "2026-01-01")]
    [InlineData(After, "2026-01-01")]
    public void A_missing_attribute_never_matches_even_a_negated_operator(ConditionOperator op, string values)
    {
        // "b" is present so that the rule sees a context with attributes, just not the one it asks for;
        // "A" shows that names are case-sensitive.
        Assert.False(Matches(op, values, """{"targetingKey":"user-1","b":"NL","A":"x"}"""));
        Assert.False(Matches(op, values, """{}"""));
        Assert.False(Matches(op, values, """{"a":null}"""));
    }

    [Theory]
    [InlineData(ConditionOperator.Equals, "NL", """{"a":5}""")]
    [InlineData(NotEquals, "NL", """{"a":5}""")]
    [InlineData(NotEquals, "NL", """{"a":true}""")]
    [InlineData(In, "NL|DE", """{"a":false}""")]
    [InlineData(NotIn, "NL|DE", """{"a":5}""")]
    [InlineData(NotIn, "NL|DE", """{"a":{"country":"FR"}}""")]
    [InlineData(NotIn, "NL|DE", """{"a":["FR",true]}""")]
    [InlineData(Contains, "1", """{"a":12}""")]
    [InlineData(StartsWith, "t", """{"a":true}""")]
    [InlineData(EndsWith, "1", """{"a":1}""")]
    [InlineData(LessThan, "18", """{"a":"17"}""")]
    [InlineData(GreaterThan, "18", """{"a":"19"}""")]
    [InlineData(GreaterThanOrEqual, "1", """{"a":true}""")]
    [InlineData(LessThanOrEqual, "18", """{"a":[1,2]}""")]
    [InlineData(SemVerEquals, "1.2.3", """{"a":123}""")]
    [InlineData(SemVerGreaterThan, "1.0.0", """{"a":"not-a-version"}""")]
    [InlineData(SemVerGreaterThan, "1.0.0", """{"a":"2.0"}""")]
    [InlineData(SemVerLessThan, "2.0.0", """{"a":["1.0.0"]}""")]
    [InlineData(Before, "2026-01-01", """{"a":"yesterday"}""")]
    [InlineData(Before, "2026-01-01", """{"a":"1.2"}""")]
    [InlineData(Before, "2026-01-01", """{"a":"2025-13-45"}""")]
    [InlineData(After, "2026-01-01", """{"a":1767225600}""")]
    public void A_value_of_the_wrong_type_never_matches(ConditionOperator op, string values, string contextJson)
    {
        Assert.False(Matches(op, values, contextJson));
    }

    [Theory]
    [InlineData(LessThan, "eighteen")]
    [InlineData(GreaterThanOrEqual, "")]
    [InlineData(SemVerEquals, "latest")]
    [InlineData(Before, "soon")]
    [InlineData(After, "soon")]
    public void A_rule_value_that_validation_would_refuse_never_matches(ConditionOperator op, string values)
    {
        Assert.False(Matches(op, values, """{"a":18}"""));
        Assert.False(Matches(op, values, """{"a":"2026-01-01"}"""));
        Assert.False(Matches(op, values, """{"a":"1.0.0"}"""));
    }

    [Fact]
    public void A_date_time_attribute_compares_in_before_and_after_but_is_not_a_string()
    {
        var context = User("user-1", ("a", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(1))));
        Assert.True(Matches(When("a", Before, "2026-03-01T12:00:00Z"), context));
        Assert.False(Matches(When("a", After, "2026-03-01T12:00:00Z"), context));
        Assert.False(Matches(When("a", ConditionOperator.Equals, "2026-03-01T11:00:00Z"), context));
        Assert.False(Matches(When("a", NotEquals, "2026-03-01T11:00:00Z"), context));
        Assert.False(Matches(When("a", StartsWith, "2026"), context));
    }

    [Fact]
    public void A_date_time_string_is_still_a_string_for_the_string_operators()
    {
        var context = ParseContext("""{"a":"2026-03-01T12:00:00Z"}""");
        Assert.True(Matches(When("a", ConditionOperator.Equals, "2026-03-01T12:00:00Z"), context));
        Assert.False(Matches(When("a", ConditionOperator.Equals, "2026-03-01T12:00:00+00:00"), context));
        Assert.True(Matches(When("a", StartsWith, "2026-03"), context));
    }

    [Fact]
    public void Rules_can_target_the_targeting_key_by_name()
    {
        var beta = When("targetingKey", In, "user-1", "user-2");
        Assert.True(Matches(beta, User("user-2")));
        Assert.False(Matches(beta, User("user-3")));
        Assert.False(Matches(beta, User(null)));
        Assert.True(Matches(beta, ParseContext("""{"targetingKey":"user-1"}""")));
    }

    [Fact]
    public void Every_condition_of_a_rule_must_match()
    {
        var flag = Compile(BooleanFlag(), rollout: 0, rules: Serve("on",
            When("country", In, "NL", "BE"), When("plan", ConditionOperator.Equals, "pro")));
        Assert.Equal(EvaluationReason.TargetingMatch, FlagEvaluator.Evaluate(flag, User("u", ("country", "NL"), ("plan", "pro"))).Reason);
        Assert.Equal(EvaluationReason.Default, FlagEvaluator.Evaluate(flag, User("u", ("country", "NL"), ("plan", "free"))).Reason);
        Assert.Equal(EvaluationReason.Default, FlagEvaluator.Evaluate(flag, User("u", ("country", "DE"), ("plan", "pro"))).Reason);
        Assert.Equal(EvaluationReason.Default, FlagEvaluator.Evaluate(flag, User("u", ("plan", "pro"))).Reason);
    }

    [Fact]
    public void A_rule_without_conditions_matches_every_context()
    {
        var flag = Compile(BooleanFlag(), rollout: 0, rules: Serve("on"));
        Assert.Equal("on", FlagEvaluator.Evaluate(flag, EvaluationContext.Empty).VariantKey);
        Assert.Equal(EvaluationReason.TargetingMatch, FlagEvaluator.Evaluate(flag, User("u", ("a", 1))).Reason);
    }

    private static readonly string[] VersionTexts =
    [
        "0.0.0", "0.0.1", "0.1.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
        "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "v1.0.0+build.5", "1.0.1", "1.2.3-0", "1.2.3-01", "1.2.3-x-y", "1.9.0", "1.10.0",
        "2.0.0", "10.0.0", "9223372036854775807.0.0",
    ];

    public static TheoryData<string> Versions => new(VersionTexts);

    [Theory]
    [MemberData(nameof(Versions))]
    public void Version_operators_agree_with_SemanticVersion_precedence(string rule)
    {
        Assert.True(SemanticVersion.TryParse(rule, out var ruleVersion));
        var equal = Compile(BooleanFlag(), rollout: 0, rules: Serve("on", When("v", SemVerEquals, rule)));
        var less = Compile(BooleanFlag(), rollout: 0, rules: Serve("on", When("v", SemVerLessThan, rule)));
        var greater = Compile(BooleanFlag(), rollout: 0, rules: Serve("on", When("v", SemVerGreaterThan, rule)));
        foreach (var text in VersionTexts)
        {
            Assert.True(SemanticVersion.TryParse(text, out var version));
            var context = User("u", ("v", text));
            var order = Math.Sign(version.CompareTo(ruleVersion));
            Assert.True((order == 0) == (FlagEvaluator.Evaluate(equal, context).VariantKey == "on"), $"{text} = {rule}");
            Assert.True((order < 0) == (FlagEvaluator.Evaluate(less, context).VariantKey == "on"), $"{text} < {rule}");
            Assert.True((order > 0) == (FlagEvaluator.Evaluate(greater, context).VariantKey == "on"), $"{text} > {rule}");
        }
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("1.2.")]
    [InlineData("1..3")]
    [InlineData("1.2.3-")]
    [InlineData("v")]
    [InlineData("")]
    [InlineData("1.2.x")]
    [InlineData("99999999999999999999.0.0")]
    public void Text_that_is_not_a_version_matches_no_version_operator(string text)
    {
        Assert.False(SemanticVersion.TryParse(text, out _));
        foreach (var op in new[] { SemVerEquals, SemVerLessThan, SemVerGreaterThan })
        {
            Assert.False(Matches(When("v", op, "1.2.3"), User("u", ("v", text))), $"{op} with '{text}'");
        }
    }
}
