using System.Text.Json;
using FlagAdmin.Core.Evaluation;
using static FlagAdmin.Core.Tests.Evaluation.EvaluationFixtures;

namespace FlagAdmin.Core.Tests.Evaluation;

public sealed class EvaluationContextTests
{
    private static string? Problem(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.False(EvaluationContext.TryFromJson(document.RootElement, out var context, out var problem));
        Assert.Null(context.TargetingKey);
        return problem;
    }

    private static AttributeValue Attribute(in EvaluationContext context, string name)
    {
        Assert.True(context.TryGetAttribute(name, out var value), $"'{name}' should be present");
        return value;
    }

    [Fact]
    public void An_OFREP_context_becomes_a_targeting_key_and_typed_attributes()
    {
        var context = ParseContext("""
            {"targetingKey":"user-42","email":"ann@example.com","age":41.5,"beta":true,"groups":["admins","7"],
             "ids":[1,2.50,3e2],"signedUp":"2025-11-02T08:00:00+01:00","day":"2025-11-02","version":"1.2"}
            """);
        Assert.Equal("user-42", context.TargetingKey);
        Assert.Equal(8, context.Attributes.Count);

        Assert.True(Attribute(context, "email").TryGetString(out var email));
        Assert.Equal("ann@example.com", email);
        Assert.True(Attribute(context, "age").TryGetNumber(out var age));
        Assert.Equal(41.5, age);
        Assert.True(Attribute(context, "beta").TryGetBoolean(out var beta));
        Assert.True(beta);
        Assert.Equal(["admins", "7"], Attribute(context, "groups").ListItems.ToArray());
        Assert.Equal(["1", "2.50", "3e2"], Attribute(context, "ids").ListItems.ToArray());
    }

    [Fact]
    public void A_string_that_is_an_ISO_date_time_stays_a_string_and_also_knows_its_instant()
    {
        var context = ParseContext("""{"signedUp":"2025-11-02T08:00:00+01:00","day":"2025-11-02","version":"1.2","time":"12:00"}""");
        var signedUp = Attribute(context, "signedUp");
        Assert.Equal(AttributeKind.String, signedUp.Kind);
        Assert.True(signedUp.TryGetString(out var text));
        Assert.Equal("2025-11-02T08:00:00+01:00", text);
        Assert.True(signedUp.TryGetDateTime(out var instant));
        Assert.Equal(new DateTimeOffset(2025, 11, 2, 7, 0, 0, TimeSpan.Zero), instant);

        Assert.True(Attribute(context, "day").TryGetDateTime(out var day));
        Assert.Equal(new DateTimeOffset(2025, 11, 2, 0, 0, 0, TimeSpan.Zero), day);

        Assert.False(Attribute(context, "version").TryGetDateTime(out _));
        Assert.False(Attribute(context, "time").TryGetDateTime(out _));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"targetingKey":null}""")]
    [InlineData("""{"targetingKey":""}""")]
    public void An_absent_null_or_empty_targeting_key_is_no_targeting_key(string json)
    {
        var context = ParseContext(json);
        Assert.Null(context.TargetingKey);
        Assert.False(context.TryGetAttribute("targetingKey", out _));
    }

    [Fact]
    public void An_undefined_context_is_empty()
    {
        Assert.True(EvaluationContext.TryFromJson(default, out var context, out var problem));
        Assert.Null(problem);
        Assert.Null(context.TargetingKey);
        Assert.Empty(context.Attributes);
    }

    [Theory]
    [InlineData("""{"targetingKey":42}""", "a number")]
    [InlineData("""{"targetingKey":true}""", "a boolean")]
    [InlineData("""{"targetingKey":["user-1"]}""", "an array")]
    [InlineData("""{"targetingKey":{"id":"user-1"}}""", "an object")]
    public void A_targeting_key_that_is_not_a_string_is_an_invalid_context(string json, string kind)
    {
        var problem = Problem(json);
        Assert.Contains("targetingKey", problem);
        Assert.Contains(kind, problem);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"user-1\"")]
    [InlineData("42")]
    public void A_context_that_is_not_an_object_is_invalid(string json)
    {
        Assert.Equal("The context must be a JSON object.", Problem(json));
    }

    [Fact]
    public void A_name_given_twice_is_an_invalid_context()
    {
        Assert.Contains("'plan'", Problem("""{"plan":"free","plan":"pro"}"""));
        Assert.Contains("targetingKey", Problem("""{"targetingKey":"a","targetingKey":"b"}"""));
    }

    [Fact]
    public void A_number_out_of_range_is_an_invalid_context()
    {
        Assert.Contains("'huge'", Problem("""{"huge":1e400}"""));
    }

    [Fact]
    public void Values_no_rule_can_use_are_left_out_rather_than_failing_the_evaluation()
    {
        var context = ParseContext("""{"targetingKey":"u","nothing":null,"user":{"email":"a@b.c"},"mixed":["a",true],"nested":[["a"]],"ok":"yes"}""");
        Assert.Equal(["ok"], context.Attributes.Keys);
        Assert.False(context.TryGetAttribute("user", out _));
        Assert.False(context.TryGetAttribute("mixed", out _));
    }

    [Fact]
    public void Attribute_names_are_case_sensitive()
    {
        var context = ParseContext("""{"Plan":"pro"}""");
        Assert.True(context.TryGetAttribute("Plan", out _));
        Assert.False(context.TryGetAttribute("plan", out _));
    }

    [Fact]
    public void A_context_built_in_code_copies_its_attributes()
    {
        var attributes = new Dictionary<string, AttributeValue> { ["plan"] = "pro" };
        var groups = new[] { "admins" };
        attributes["groups"] = AttributeValue.List(groups);
        var context = new EvaluationContext("user-1", attributes);
        attributes["plan"] = "free";
        groups[0] = "guests";

        Assert.True(Attribute(context, "plan").TryGetString(out var plan));
        Assert.Equal("pro", plan);
        Assert.Equal(["admins"], Attribute(context, "groups").ListItems.ToArray());
        Assert.True(Attribute(context, "targetingKey").TryGetString(out var key));
        Assert.Equal("user-1", key);
    }

    [Fact]
    public void A_context_built_in_code_refuses_the_targeting_key_as_an_attribute_and_duplicate_names()
    {
        Assert.Throws<ArgumentException>(() => new EvaluationContext("u", [KeyValuePair.Create("targetingKey", (AttributeValue)"v")]));
        Assert.Throws<ArgumentException>(() => new EvaluationContext("u", [KeyValuePair.Create("a", (AttributeValue)1), KeyValuePair.Create("a", (AttributeValue)2)]));
    }

    [Fact]
    public void Attribute_values_report_only_their_own_kind()
    {
        AttributeValue number = 3.5;
        Assert.Equal(AttributeKind.Number, number.Kind);
        Assert.False(number.TryGetString(out _));
        Assert.False(number.TryGetBoolean(out _));
        Assert.False(number.TryGetDateTime(out _));
        Assert.True(number.ListItems.IsEmpty);
        Assert.Equal(AttributeKind.None, default(AttributeValue).Kind);
        Assert.Equal(AttributeValue.List("a", "b"), AttributeValue.List(["a", "b"]));
        Assert.NotEqual(AttributeValue.List("a", "b"), AttributeValue.List("a"));
        Assert.NotEqual((AttributeValue)"1", (AttributeValue)1);
    }
}
