using FlagAdmin.Core.Flags;
using FlagAdmin.Web.Components.Pages.Flags;

namespace FlagAdmin.Web.Tests.Ui.Flags;

/// <summary>The flags list's address: what a bookmark holds, and what a hand-edited one falls back to.</summary>
public sealed class FlagListQueryTests
{
    [Fact]
    public void Every_search_filter_sort_and_page_survives_the_address_and_defaults_are_left_out()
    {
        var query = new FlagListQuery { Search = "a&b c", Tag = "web", Owner = "pay", Environment = "production", State = "on", Archived = "all", Sort = FlagSort.CreatedAt, Descending = true, Page = 3 };

        var text = query.ToQueryString();

        Assert.Equal("q=a%26b%20c&tag=web&owner=pay&env=production&state=on&archived=all&sort=createdat&order=desc&page=3", text);
        var values = System.Web.HttpUtility.ParseQueryString(text);
        Assert.Equal(query, FlagListQuery.Parse(values["q"], values["tag"], values["owner"], values["env"], values["state"], values["archived"], values["sort"], values["order"], values["page"]));
        Assert.Equal("", new FlagListQuery().ToQueryString());
    }

    [Fact]
    public void A_mistyped_address_falls_back_to_the_defaults_instead_of_failing()
    {
        var query = FlagListQuery.Parse(q: "  ", tag: null, owner: null, env: null, state: "maybe", archived: "deleted", sort: "nonsense", order: "up", page: "abc");

        Assert.Equal(new FlagListQuery(), query);
    }

    [Fact]
    public void On_or_off_without_an_environment_filters_nothing_and_a_tag_list_is_split()
    {
        var alone = FlagListQuery.Parse(null, "web, beta", null, null, "on", null, null, null, "2").ToFlagQuery("shop");
        var inProduction = FlagListQuery.Parse(null, null, null, "production", "off", null, null, null, null).ToFlagQuery("shop");

        Assert.Null(alone.Enabled);
        Assert.Equal(["web", "beta"], alone.Tags);
        Assert.Equal((50, 50), (alone.Offset, alone.Limit));
        Assert.Equal(("production", false), (inProduction.EnvironmentKey, inProduction.Enabled));
    }
}
