using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui.FlagDetail;

/// <summary>The "try it" box and the flag's own history on the detail page.</summary>
public sealed class TryItAndHistoryTests : IAsyncLifetime
{
    private TestSite _host = default!;

    public async Task InitializeAsync()
    {
        _host = await FlagDetailSeed.StartAsync(FlagAdminFactory.Memory());
        // Development: on for everyone except German users, who get "off" by rule.
        var state = await _host.StateAsync("new-checkout", "development");
        await _host.Flags.UpdateStateAsync(FlagStateUpdate.From(state) with
        {
            Enabled = true,
            Rules = [new TargetingRule { Conditions = [new Condition("country", ConditionOperator.Equals, ["DE"])], Variant = "off" }],
        }, TestSite.Seed);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Dictionary<string, string>> TryAsync(Func<PageForm, PageForm> fill, bool htmx = true)
    {
        var client = _host.Client(Role.Viewer);
        var page = await client.FlagPageAsync();
        var response = await fill(PageForm.Of(page, "#flag-try").Set("environment", "development")).SubmitAsync(client, value: "evaluate", htmx: htmx);
        var result = await HtmlPage.ParseAsync(response);
        return result.QuerySelectorAll("#flag-try [data-result]").ToDictionary(e => e.GetAttribute("data-result")!, e => e.TextContent.Trim());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_matching_attribute_row_shows_the_rules_variant_and_reason(bool htmx)
    {
        var result = await TryAsync(f => f.Set("targetingKey", "user-1").Set("attributes[0].name", "country").Set("attributes[0].value", "DE"), htmx);

        Assert.Equal("false", result["value"]);
        Assert.Equal("off", result["variant"]);
        Assert.Equal("TARGETING_MATCH", result["reason"]);
        Assert.False(result.ContainsKey("error"));
    }

    [Fact]
    public async Task Attributes_from_the_json_box_count_like_rows()
    {
        var matched = await TryAsync(f => f.Set("json", """{"country": "DE"}"""));
        var other = await TryAsync(f => f.Set("json", """{"country": "FR"}"""));

        Assert.Equal("TARGETING_MATCH", matched["reason"]);
        Assert.Equal(("true", "on", "DEFAULT"), (other["value"], other["variant"], other["reason"]));
    }

    [Fact]
    public async Task A_partial_rollout_without_a_targeting_key_shows_the_error_code()
    {
        var state = await _host.StateAsync("new-checkout", "development");
        await _host.Flags.SetRolloutAsync("shop", "new-checkout", "development", 5000, state.Version, TestSite.Seed);

        var result = await TryAsync(f => f);

        Assert.Equal("ERROR", result["reason"]);
        Assert.StartsWith("TARGETING_KEY_MISSING", result["error"]);
    }

    [Fact]
    public async Task What_is_served_now_is_evaluated_from_the_snapshot()
    {
        var result = await TryAsync(f => f.Set("source", "served").Set("attributes[0].name", "country").Set("attributes[0].value", "DE"));

        Assert.Equal("TARGETING_MATCH", result["reason"]);
    }

    [Fact]
    public async Task Json_that_is_not_an_object_is_explained()
    {
        var client = _host.Client(Role.Viewer);
        var page = await client.FlagPageAsync();

        var response = await PageForm.Of(page, "#flag-try").Set("json", "[1, 2").SubmitAsync(client, value: "evaluate", htmx: true);

        var box = await HtmlPage.ParseAsync(response);
        Assert.Contains("must be one object", box.QuerySelector(".alert")!.TextContent);
        Assert.Null(box.QuerySelector("[data-result]"));
    }

    [Fact]
    public async Task Add_attribute_adds_a_row_without_javascript()
    {
        var client = _host.Client(Role.Viewer);
        var page = await client.FlagPageAsync();

        var response = await PageForm.Of(page, "#flag-try").Set("attributes[0].name", "plan").SubmitAsync(client, value: "add-attribute");

        var result = await HtmlPage.ParseAsync(response);
        Assert.Equal(2, result.QuerySelectorAll("#flag-try .try-attribute").Length);
        Assert.Equal("plan", result.QuerySelector("#flag-try input[name='attributes[0].name']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_history_lists_the_flags_changes_newest_first_in_words()
    {
        var client = _host.Client(Role.Admin, "ana@example.com");
        var page = await client.FlagPageAsync();
        await PageForm.Of(page, "#panel-development").Set("rollout", "12.5").Set("reason", "ramp up").SubmitAsync(client, htmx: true);

        page = await client.FlagPageAsync();

        var entries = page.QuerySelectorAll(".flag-history > li");
        Assert.Equal(["Rollout changed", "State changed", "Created"], entries.Select(e => e.QuerySelector("[data-action]")!.TextContent));
        Assert.Contains("ana@example.com", entries[0].TextContent);
        Assert.Contains("ramp up", entries[0].TextContent);
        Assert.Contains("12.5 %", entries[0].QuerySelector(".audit-difference")!.TextContent);
        Assert.Equal("/projects/shop/audit?flag=new-checkout", page.QuerySelector("#flag-history-title ~ a")!.GetAttribute("href"));
    }
}
