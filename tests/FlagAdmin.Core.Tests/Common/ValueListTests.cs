using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Tests.Common;

public sealed class ValueListTests
{
    /// <summary>An equal string that is not the same instance, so equality cannot lean on string interning.</summary>
    private static string Copy(string text) => new(text.AsSpan());

    [Fact]
    public void Lists_with_the_same_items_in_the_same_order_are_equal()
    {
        ValueList<string> a = ["x", "y"];
        var b = new ValueList<string>(new List<string> { Copy("x"), Copy("y") });

        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.True(a == b);
        Assert.False(a != b);
    }

    [Fact]
    public void Lists_differing_in_items_order_or_length_are_not_equal()
    {
        ValueList<string> list = ["x", "y"];

        Assert.NotEqual(list, ["y", "x"]);
        Assert.NotEqual(list, ["x"]);
        Assert.NotEqual(list, ["x", "y", "z"]);
        Assert.NotEqual(list, ["x", "Y"]);
        Assert.True(list != ["x", "Y"]);
        Assert.False(list.Equals((object)new[] { "x", "y" }));
    }

    [Fact]
    public void Equal_lists_have_equal_hash_codes()
    {
        ValueList<string> a = ["alpha", "beta", "gamma"];
        var b = new[] { Copy("alpha"), Copy("beta"), Copy("gamma") }.ToValueList();

        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(((ValueList<string>)[]).GetHashCode(), default(ValueList<string>).GetHashCode());
    }

    [Fact]
    public void Lists_can_be_looked_up_by_value_in_a_hash_set()
    {
        ValueList<int> stored = [1, 2, 3];
        var set = new HashSet<ValueList<int>> { stored };

        Assert.Contains(new ValueList<int>(Enumerable.Range(1, 3)), set);
        Assert.DoesNotContain([3, 2, 1], set);
    }

    [Fact]
    public void Records_holding_lists_compare_by_the_lists_content()
    {
        var a = new Condition("country", ConditionOperator.In, ["de", "at"]);
        var b = new Condition("country", ConditionOperator.In, new[] { Copy("de"), Copy("at") }.ToValueList());

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Values = ["de"] });
    }

    [Fact]
    public void Empty_and_default_lists_behave_alike()
    {
        var empty = ValueList<string>.Empty;
        ValueList<string> fromCollection = [];
        var fromEnumerable = Enumerable.Empty<string>().ToValueList();
        var fromDefault = default(ValueList<string>);

        foreach (var list in new[] { empty, fromCollection, fromEnumerable, fromDefault })
        {
            Assert.True(list.Count == 0, "Count should be 0");
            Assert.Empty(list);
            Assert.Equal(0, list.AsSpan().Length);
            Assert.Equal("[]", list.ToString());
            Assert.Equal(fromDefault, list);
            Assert.Equal(fromCollection, list);
            Assert.Equal(fromDefault.GetHashCode(), list.GetHashCode());
            Assert.Equal("[]", JsonSerializer.Serialize(list, FlagAdminJson.Options));
        }
    }

    [Fact]
    public void Indexer_and_enumeration_give_the_items_in_order()
    {
        ValueList<int> list = [3, 1, 2];

        Assert.Equal(3, list.Count);
        Assert.Equal(1, list[1]);
        Assert.Equal([3, 1, 2], list.ToArray());
        Assert.Throws<IndexOutOfRangeException>(() => list[3]);
    }

    [Fact]
    public void Changing_the_source_collection_does_not_change_the_list()
    {
        var source = new List<string> { "a", "b" };
        var list = source.ToValueList();

        source.Add("c");
        source[0] = "z";

        Assert.Equal(["a", "b"], list);
    }

    [Fact]
    public void A_list_round_trips_through_json_as_an_array()
    {
        ValueList<string> list = ["on", "off", "with \"quotes\""];

        var json = JsonSerializer.Serialize(list, FlagAdminJson.Options);
        var read = JsonSerializer.Deserialize<ValueList<string>>(json, FlagAdminJson.Options);

        Assert.Equal("[\"on\",\"off\",\"with \\\"quotes\\\"\"]", json);
        Assert.Equal(list, read);
    }

    [Fact]
    public void Json_null_reads_as_an_empty_list()
    {
        var read = JsonSerializer.Deserialize<ValueList<int>>("null", FlagAdminJson.Options);

        Assert.Equal(default, read);
        Assert.True(read.Count == 0, "Count should be 0");
    }

    [Fact]
    public void Nested_lists_in_domain_records_round_trip_through_json()
    {
        var rule = new TargetingRule
        {
            Name = "Beta",
            Conditions = [new Condition("plan", ConditionOperator.In, ["pro", "team"]), new Condition("age", ConditionOperator.GreaterThan, ["18"])],
            Split = [new SplitShare("blue", 2_500), new SplitShare("green", 7_500)],
        };
        ValueList<TargetingRule> rules = [rule, new TargetingRule { Variant = "red" }];

        var json = JsonSerializer.Serialize(rules, FlagAdminJson.Options);
        var read = JsonSerializer.Deserialize<ValueList<TargetingRule>>(json, FlagAdminJson.Options);

        Assert.Equal(rules, read);
        Assert.Contains("\"operator\":\"greater_than\"", json);
    }
}
