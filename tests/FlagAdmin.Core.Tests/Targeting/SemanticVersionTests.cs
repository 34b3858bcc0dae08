using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Tests.Targeting;

public sealed class SemanticVersionTests
{
    private static SemanticVersion Parse(string text)
    {
        Assert.True(SemanticVersion.TryParse(text, out var version), $"'{text}' should parse");
        return version;
    }

    [Theory]
    [InlineData("1.2.3", 1, 2, 3, "")]
    [InlineData("0.0.0", 0, 0, 0, "")]
    [InlineData("10.20.30", 10, 20, 30, "")]
    [InlineData("v1.2.3", 1, 2, 3, "")]
    [InlineData("V1.2.3", 1, 2, 3, "")]
    [InlineData("  1.2.3 ", 1, 2, 3, "")]
    [InlineData("1.2.3-beta.1", 1, 2, 3, "beta.1")]
    [InlineData("1.2.3-alpha-2.x", 1, 2, 3, "alpha-2.x")]
    [InlineData("1.2.3+build.7", 1, 2, 3, "")]
    [InlineData("v1.2.3-rc.1+sha.5114f85", 1, 2, 3, "rc.1")]
    [InlineData("4294967296.0.1", 4294967296, 0, 1, "")]
    public void Valid_versions_parse_into_their_parts(string text, long major, long minor, long patch, string preRelease)
    {
        Assert.Equal(new SemanticVersion(major, minor, patch, preRelease), Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("v")]
    [InlineData("1")]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("1.2.3.4.5")]
    [InlineData("a.b.c")]
    [InlineData("1.2.x")]
    [InlineData("1..3")]
    [InlineData("1.2.")]
    [InlineData("-1.2.3")]
    [InlineData("1.-2.3")]
    [InlineData("+1.2.3")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3-+build")]
    [InlineData("vv1.2.3")]
    [InlineData("1.2 .3")]
    [InlineData("１.2.3")]
    [InlineData("99999999999999999999.0.0")]
    public void Invalid_versions_are_rejected(string text)
    {
        Assert.False(SemanticVersion.TryParse(text, out _));
    }

    [Fact]
    public void Build_metadata_is_ignored_for_equality_and_precedence()
    {
        var a = Parse("1.0.0+20130313144700");
        var b = Parse("1.0.0+exp.sha.5114f85");

        Assert.Equal(a, b);
        Assert.Equal(0, a.CompareTo(b));
        Assert.Equal(Parse("1.0.0"), a);
    }

    [Fact]
    public void Major_minor_and_patch_compare_numerically()
    {
        string[] ascending = ["0.9.9", "1.0.0", "1.9.0", "1.10.0", "1.10.1", "1.10.10", "2.0.0", "2.1.0", "2.1.1", "10.0.0"];

        AssertStrictlyAscending(ascending);
    }

    [Fact]
    public void Pre_releases_follow_the_semver_specification_example()
    {
        string[] ascending =
        [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
        ];

        AssertStrictlyAscending(ascending);
    }

    [Fact]
    public void Sorting_shuffled_pre_releases_gives_the_specification_order()
    {
        string[] shuffled = ["1.0.0-beta.11", "1.0.0", "1.0.0-alpha.beta", "1.0.0-rc.1", "1.0.0-alpha", "1.0.0-beta.2", "1.0.0-beta", "1.0.0-alpha.1"];

        var sorted = shuffled.Select(Parse).Order().Select(v => v.PreRelease).ToArray();

        Assert.Equal(["alpha", "alpha.1", "alpha.beta", "beta", "beta.2", "beta.11", "rc.1", ""], sorted);
    }

    [Fact]
    public void A_pre_release_ranks_below_its_release_but_above_the_previous_release()
    {
        Assert.True(Parse("2.0.0-rc.1") < Parse("2.0.0"));
        Assert.True(Parse("2.0.0-rc.1") > Parse("1.99.99"));
        Assert.True(Parse("2.0.0") > Parse("2.0.0-zzz"));
    }

    [Fact]
    public void Numeric_identifiers_rank_below_alphanumeric_ones_and_compare_as_numbers()
    {
        Assert.True(Parse("1.0.0-2") < Parse("1.0.0-10"));
        Assert.True(Parse("1.0.0-999") < Parse("1.0.0-a"));
        Assert.True(Parse("1.0.0-B") < Parse("1.0.0-a"));
    }

    [Fact]
    public void Comparison_operators_agree_with_compare_to()
    {
        var low = Parse("1.2.3-beta");
        var high = Parse("1.2.3");
        var same = Parse("v1.2.3+ci");

        Assert.True(low < high && low <= high && !(low > high) && !(low >= high));
        Assert.True(high > low && high >= low && !(high < low) && !(high <= low));
        Assert.True(high <= same && high >= same && !(high < same) && !(high > same));
        Assert.Equal(-1, low.CompareTo(high));
        Assert.Equal(1, high.CompareTo(low));
    }

    private static void AssertStrictlyAscending(string[] versions)
    {
        for (var i = 0; i < versions.Length; i++)
        {
            for (var j = 0; j < versions.Length; j++)
            {
                var expected = i.CompareTo(j);
                var actual = Parse(versions[i]).CompareTo(Parse(versions[j]));
                Assert.True(expected == actual, $"{versions[i]} compared to {versions[j]} gave {actual}, expected {expected}");
            }
        }
    }
}
