using System.Net;
using AngleSharp.Dom;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui.FlagDetail;

/// <summary>The flag detail page on the memory store: metadata, environment panels, rules editor, conflicts, roles.</summary>
public sealed class FlagDetailPageTests : IAsyncLifetime
{
    private TestSite _host = default!;

    public async Task InitializeAsync() => _host = await FlagDetailSeed.StartAsync(FlagAdminFactory.Memory());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private const string Development = "#panel-development";
    private const string Production = "#panel-production";

    [Fact]
    public async Task The_page_shows_the_key_read_only_and_one_panel_per_environment_in_order()
    {
        var page = await _host.Client(Role.Admin).FlagPageAsync();

        Assert.Equal("New checkout", page.QuerySelector("h1")!.TextContent);
        var key = page.QuerySelector("#flag-key")!;
        Assert.True(key.HasAttribute("readonly"));
        Assert.Equal("new-checkout", key.GetAttribute("value"));
        Assert.Contains("cannot be changed", page.QuerySelector("#flag-key-help")!.TextContent);
        Assert.Equal(["development", "production"], page.QuerySelectorAll("form.flag-panel").Select(p => p.GetAttribute("data-environment")));
        Assert.NotNull(page.QuerySelector($"{Production} .badge.text-bg-warning"));
        Assert.Equal("100", page.QuerySelector($"{Development} input[name=rollout]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector($"{Development} input[type=range][data-rollout][step='0.01']"));
    }

    [Fact]
    public async Task An_editor_edits_the_metadata_in_place()
    {
        var client = _host.Client(Role.Editor);
        var page = await client.FlagPageAsync();

        var response = await PageForm.Of(page, "#flag-metadata")
            .Set("name", "Checkout v2").Set("tags", "checkout, beta").Set("owner", "team-growth").Set("description", "The new flow")
            .SubmitAsync(client, value: null, htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fragment = await HtmlPage.ParseAsync(response);
        Assert.Null(fragment.QuerySelector("html > body > nav"));
        Assert.Contains("Saved", fragment.QuerySelector(".alert-success")!.TextContent);
        var flag = (await _host.Flags.GetFlagAsync("shop", "new-checkout")).Flag;
        Assert.Equal("Checkout v2", flag.Name);
        Assert.Equal(["beta", "checkout"], flag.Tags.Order());
        Assert.Equal("team-growth", flag.Owner);
        Assert.Equal("The new flow", flag.Description);
    }

    [Fact]
    public async Task A_blank_name_is_explained_next_to_the_field_and_nothing_is_stored()
    {
        var client = _host.Client(Role.Editor);
        var page = await client.FlagPageAsync();

        var response = await PageForm.Of(page, "#flag-metadata").Set("name", " ").SubmitAsync(client, value: null);

        var result = await HtmlPage.ParseAsync(response);
        Assert.NotEmpty(result.QuerySelector("#flag-metadata #flag-name ~ .invalid-feedback")!.TextContent);
        Assert.Equal("New checkout", (await _host.Flags.GetFlagAsync("shop", "new-checkout")).Flag.Name);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_admin_sets_a_rollout_of_12_5_percent_and_it_is_stored_as_1250_basis_points(bool htmx)
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync();

        var response = await PageForm.Of(page, Development).Set("rollout", "12.5").Check("enabled", true).SubmitAsync(client, htmx: htmx);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await _host.StateAsync("new-checkout", "development");
        Assert.Equal(1250, stored.RolloutBasisPoints);
        Assert.True(stored.Enabled);
        var result = await HtmlPage.ParseAsync(response);
        Assert.Equal("12.5", result.QuerySelector($"{Development} input[name=rollout]")!.GetAttribute("value"));
        Assert.Contains("Saved", result.QuerySelector($"{Development} .alert-success")!.TextContent);
        Assert.Equal(stored.Version.ToString(), result.QuerySelector($"{Development} input[name=version]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("150", "Rollout must be between 0 and 100 %.")]
    [InlineData("-1", "Rollout must be between 0 and 100 %.")]
    [InlineData("12.345", "Rollout must be given in steps of 0.01 % (at most two decimals).")]
    [InlineData("12,5", "Rollout must be written with a decimal point, such as 12.5 (not 12,5).")]
    [InlineData("lots", "Rollout must be a number from 0 to 100, such as 12.5 (not 'lots').")]
    public async Task A_rollout_outside_0_to_100_percent_is_explained_and_nothing_is_stored(string rollout, string message)
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync();
        var before = await _host.StateAsync("new-checkout", "development");

        var response = await PageForm.Of(page, Development).Set("rollout", rollout).SubmitAsync(client, htmx: true);

        var panel = await HtmlPage.ParseAsync(response);
        Assert.Equal(message, panel.QuerySelector(".invalid-feedback")!.TextContent.Trim());
        Assert.Equal(rollout, panel.QuerySelector("input[name=rollout]")!.GetAttribute("value"));
        Assert.Equal(before, await _host.StateAsync("new-checkout", "development"));
    }

    [Fact]
    public async Task Invalid_json_config_is_explained_and_nothing_is_stored()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync();
        var before = await _host.StateAsync("new-checkout", "development");

        var response = await PageForm.Of(page, Development).Set("config", "{\"color\": ").Set("rollout", "50").SubmitAsync(client, htmx: true);

        var panel = await HtmlPage.ParseAsync(response);
        Assert.Contains("is not valid JSON", panel.QuerySelector("textarea[name=config] ~ .invalid-feedback")!.TextContent);
        Assert.Equal(before, await _host.StateAsync("new-checkout", "development"));
    }

    [Fact]
    public async Task Valid_json_config_is_stored_compact()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync();

        await PageForm.Of(page, Development).Set("config", "{ \"color\": \"green\" }").SubmitAsync(client, htmx: true);

        Assert.Equal("{\"color\":\"green\"}", (await _host.StateAsync("new-checkout", "development")).Config);
    }

    [Fact]
    public async Task A_rule_without_an_attribute_is_explained_and_nothing_is_stored()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync();
        var before = await _host.StateAsync("new-checkout", "development");

        var withRule = await HtmlPage.ParseAsync(await PageForm.Of(page, Development).SubmitAsync(client, value: "add-rule", htmx: true));
        var response = await new PageForm(withRule.Body!.FirstElementChild!).Set("rules[0].conditions[0].values", "DE").SubmitAsync(client, htmx: true);

        var panel = await HtmlPage.ParseAsync(response);
        Assert.Contains("Rule 1, condition 1 needs an attribute name", panel.QuerySelector("fieldset ul.invalid-feedback")!.TextContent);
        Assert.Equal(before, await _host.StateAsync("new-checkout", "development"));
    }

    [Fact]
    public async Task Rules_are_added_reordered_and_deleted_through_plain_form_posts()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync();

        // Add two rules, each re-rendered by the server with what was typed so far; nothing is saved meanwhile.
        page = await HtmlPage.ParseAsync(await PageForm.Of(page, Development).SubmitAsync(client, value: "add-rule"));
        page = await HtmlPage.ParseAsync(await PageForm.Of(page, Development)
            .Set("rules[0].name", "Germany").Set("rules[0].conditions[0].attribute", "country").Set("rules[0].conditions[0].operator", "In")
            .Set("rules[0].conditions[0].values", "DE, AT").Set("rules[0].variant", "on")
            .SubmitAsync(client, value: "add-rule"));
        Assert.Empty((await _host.StateAsync("new-checkout", "development")).Rules);
        page = await HtmlPage.ParseAsync(await PageForm.Of(page, Development)
            .Set("rules[1].name", "Staff").Set("rules[1].conditions[0].attribute", "email").Set("rules[1].conditions[0].operator", "EndsWith")
            .Set("rules[1].conditions[0].values", "@shop.example").Set("rules[1].variant", "off")
            .SubmitAsync(client, value: "add-condition:1"));
        Assert.Equal(2, page.QuerySelectorAll($"{Development} li.flag-rule:nth-child(2) .flag-condition").Length);
        page = await HtmlPage.ParseAsync(await PageForm.Of(page, Development).SubmitAsync(client, value: "delete-condition:1:1"));
        page = await HtmlPage.ParseAsync(await PageForm.Of(page, Development).SubmitAsync(client, value: "move-up:1"));
        Assert.Equal("Staff", page.QuerySelector($"{Development} input[name='rules[0].name']")!.GetAttribute("value"));

        await PageForm.Of(page, Development).SubmitAsync(client);

        var rules = (await _host.StateAsync("new-checkout", "development")).Rules;
        Assert.Equal(["Staff", "Germany"], rules.Select(r => r.Name));
        Assert.Equal(new Condition("country", ConditionOperator.In, ["DE", "AT"]), rules[1].Conditions.Single());
        Assert.Equal("off", rules[0].Variant);

        page = await client.FlagPageAsync();
        page = await HtmlPage.ParseAsync(await PageForm.Of(page, Development).SubmitAsync(client, value: "delete-rule:0"));
        await PageForm.Of(page, Development).SubmitAsync(client);

        Assert.Equal(["Germany"], (await _host.StateAsync("new-checkout", "development")).Rules.Select(r => r.Name));
    }

    [Fact]
    public async Task A_rule_serves_a_percentage_split()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync("banner");
        page = await HtmlPage.ParseAsync(await PageForm.Of(page, Development).SubmitAsync(client, value: "add-rule"));

        await PageForm.Of(page, Development).Remove("rules[0].conditions[0].attribute").Set("rules[0].conditionCount", "0")
            .Set("rules[0].serve", "split").Set("rules[0].split.a", "25").Set("rules[0].split.b", "75")
            .SubmitAsync(client);

        var rule = (await _host.StateAsync("banner", "development")).Rules.Single();
        Assert.Equal([new SplitShare("a", 2500), new SplitShare("b", 7500)], rule.Split);
        Assert.Null(rule.Variant);
    }

    [Fact]
    public async Task The_served_variants_are_chosen_from_the_flags_variants()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync("banner");
        Assert.Equal(["a", "b", "c"], page.QuerySelectorAll($"{Development} select[name=onVariant] option").Select(o => o.GetAttribute("value")));

        await PageForm.Of(page, Development).Set("onVariant", "c").Set("offVariant", "b").SubmitAsync(client, htmx: true);

        var stored = await _host.StateAsync("banner", "development");
        Assert.Equal(("c", "b"), (stored.OnVariant, stored.OffVariant));
    }

    [Fact]
    public async Task A_protected_environment_asks_for_confirmation_before_saving()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync();
        var before = await _host.StateAsync("new-checkout", "production");

        var unconfirmed = await HtmlPage.ParseAsync(await PageForm.Of(page, Production).Check("enabled", true).SubmitAsync(client));
        Assert.Contains("tick the box to confirm", unconfirmed.QuerySelector($"{Production} input[name=confirmed] ~ .invalid-feedback")!.TextContent);
        Assert.Equal(before, await _host.StateAsync("new-checkout", "production"));
        Assert.NotNull(page.QuerySelector($"{Production} button[hx-confirm][value=save]"));

        await PageForm.Of(unconfirmed, Production).Check("confirmed", true).SubmitAsync(client);
        Assert.True((await _host.StateAsync("new-checkout", "production")).Enabled);
    }

    [Fact]
    public async Task A_stale_panel_shows_who_changed_what_and_applies_mine_on_top_only_when_asked()
    {
        var client = _host.Client(Role.Admin, "me@example.com");
        var page = await client.FlagPageAsync();
        var loaded = await _host.StateAsync("new-checkout", "development");
        await _host.Flags.SetRolloutAsync("shop", "new-checkout", "development", 3000, loaded.Version, new("alice@example.com"));

        var response = await PageForm.Of(page, Development).Set("rollout", "12.5").SubmitAsync(client, htmx: true);

        var panel = await HtmlPage.ParseAsync(response);
        var conflict = panel.QuerySelector(".flag-conflict")!;
        Assert.Contains("alice@example.com changed Development", conflict.TextContent);
        var rollout = conflict.QuerySelectorAll("tr[data-differs=true]").Single();
        Assert.Equal(["Rollout", "30 %", "12.5 %"], rollout.Children.Select(c => c.TextContent.Trim()));
        Assert.Equal(3000, (await _host.StateAsync("new-checkout", "development")).RolloutBasisPoints);
        Assert.Equal("12.5", panel.QuerySelector("input[name=rollout]")!.GetAttribute("value"));

        await new PageForm(panel.Body!.FirstElementChild!).SubmitAsync(client, value: "apply-mine", htmx: true);

        var stored = await _host.StateAsync("new-checkout", "development");
        Assert.Equal(1250, stored.RolloutBasisPoints);
        Assert.Equal("me@example.com", stored.UpdatedBy);
    }

    [Fact]
    public async Task Reload_their_version_shows_the_stored_state()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync();
        var loaded = await _host.StateAsync("new-checkout", "development");
        await _host.Flags.SetRolloutAsync("shop", "new-checkout", "development", 3000, loaded.Version, new("alice@example.com"));
        var conflict = await HtmlPage.ParseAsync(await PageForm.Of(page, Development).Set("rollout", "12.5").SubmitAsync(client));

        var reloaded = await HtmlPage.ParseAsync(await PageForm.Of(conflict, Development).SubmitAsync(client, value: "reload"));

        Assert.Null(reloaded.QuerySelector(".flag-conflict"));
        Assert.Equal("30", reloaded.QuerySelector($"{Development} input[name=rollout]")!.GetAttribute("value"));
        Assert.Equal((await _host.StateAsync("new-checkout", "development")).Version.ToString(), reloaded.QuerySelector($"{Development} input[name=version]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_editor_can_toggle_but_not_change_the_rollout()
    {
        var client = _host.Client(Role.Editor);
        var page = await client.FlagPageAsync();
        Assert.True(page.QuerySelector($"{Development} input[name=rollout]")!.HasAttribute("disabled"));
        Assert.False(page.QuerySelector($"{Development} input[name=enabled]")!.HasAttribute("disabled"));

        await PageForm.Of(page, Development).Check("enabled", true).SubmitAsync(client, htmx: true);
        var toggled = await _host.StateAsync("new-checkout", "development");
        Assert.True(toggled.Enabled);

        var sneaky = await HtmlPage.ParseAsync(await PageForm.Of(await client.FlagPageAsync(), Development).Set("rollout", "5").SubmitAsync(client, htmx: true));
        Assert.Contains("Changing the rollout needs the Admin role", sneaky.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(toggled, await _host.StateAsync("new-checkout", "development"));
    }

    [Fact]
    public async Task A_viewer_sees_everything_read_only()
    {
        var client = _host.Client(Role.Viewer);
        var page = await client.FlagPageAsync();

        Assert.All(page.QuerySelectorAll($"{Development} input[name=enabled], {Development} input[name=rollout], {Development} textarea[name=config]"),
            input => Assert.True(input.HasAttribute("disabled")));
        Assert.Null(page.QuerySelector($"{Development} button.btn-primary"));
        Assert.True(page.QuerySelector("#flag-metadata fieldset")!.HasAttribute("disabled"));
        Assert.Equal("Only admins can archive or delete flags.", page.QuerySelector("#flag-danger-why")!.TextContent.Trim());

        var response = await PageForm.Of(page, Development).Set("enabled", "on").SubmitAsync(client, htmx: true);
        Assert.Contains("needs the Editor role", (await HtmlPage.ParseAsync(response)).QuerySelector(".alert-danger")!.TextContent);
        Assert.False((await _host.StateAsync("new-checkout", "development")).Enabled);
    }

    [Fact]
    public async Task Saving_a_panel_or_the_details_without_a_change_says_so_and_writes_nothing()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync();
        var before = await _host.Flags.GetFlagAsync("shop", "new-checkout");
        var audit = (await _host.Flags.HistoryAsync(new Core.Audit.AuditQuery { ProjectKey = "shop", Limit = 500 })).Items;

        var panel = await PageForm.Of(page, Development).Set("rollout", "100.00").SubmitAsync(client, htmx: true);
        var details = await PageForm.Of(page, "#flag-metadata").Set("tags", page.QuerySelector("#flag-tags")!.GetAttribute("value") + ", ").SubmitAsync(client, value: null, htmx: true);

        Assert.Contains("Nothing to save", (await HtmlPage.ParseAsync(panel)).QuerySelector(".alert-success")!.TextContent);
        Assert.Contains("Nothing to save", (await HtmlPage.ParseAsync(details)).QuerySelector(".alert-success")!.TextContent);
        Assert.Equal(before, await _host.Flags.GetFlagAsync("shop", "new-checkout"));
        Assert.Equal(audit, (await _host.Flags.HistoryAsync(new Core.Audit.AuditQuery { ProjectKey = "shop", Limit = 500 })).Items);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync();

        var response = await PageForm.Of(page, Development).Remove("__RequestVerificationToken").Set("rollout", "1").SubmitAsync(client);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(10_000, (await _host.StateAsync("new-checkout", "development")).RolloutBasisPoints);
    }

    [Fact]
    public async Task An_unknown_flag_answers_404()
    {
        var response = await _host.Client(Role.Viewer).GetAsync("/projects/shop/flags/no-such-flag");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
