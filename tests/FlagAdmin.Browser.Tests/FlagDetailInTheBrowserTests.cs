using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// The flag detail page in Chromium: rollout and targeting by an admin, two people editing one environment, and the
/// same editing with JavaScript off. Its screenshot is taken by <see cref="ScreenshotTests"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FlagDetailInTheBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_sets_the_production_rollout_to_12_5_percent_and_adds_a_targeting_rule()
    {
        await using var context = await fixture.SignedInAsync(Role.Admin, "admin@example.com");
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync("/projects/shop/flags/search-ranking");
        await page.WaitForFunctionAsync("() => !!window.htmx");
        var production = page.Locator("#panel-production");

        // The slider follows the number box (flag-detail.js).
        await production.GetByLabel("Rollout (share").FillAsync("12.5");
        Assert.Equal("12.5", await production.Locator("input[type=range]").InputValueAsync());
        await production.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await production.Locator("input[name='rules[0].conditions[0].attribute']").FillAsync("country");
        await production.Locator("select[name='rules[0].conditions[0].operator']").SelectOptionAsync("In");
        await production.Locator("input[name='rules[0].conditions[0].values']").FillAsync("DE, AT");
        Assert.Equal("12.5", await production.GetByLabel("Rollout (share").InputValueAsync());
        await production.GetByRole(AriaRole.Button, new() { Name = "Save Production" }).ClickAsync();

        await Assertions.Expect(page.Locator("#panel-production .alert-success")).ToContainTextAsync("Saved Production");
        var stored = await fixture.App.StateAsync("search-ranking", "production");
        Assert.Equal(1250, stored.RolloutBasisPoints);
        Assert.Equal(["DE", "AT"], stored.Rules.Single().Conditions.Single().Values);

        await page.ReloadAsync();
        Assert.Equal("12.5", await page.Locator("#panel-production input[name=rollout]").InputValueAsync());
        await Assertions.Expect(page.Locator(".flag-history > li").First).ToContainTextAsync("admin@example.com");
    }

    [Fact]
    public async Task The_second_of_two_people_editing_one_environment_gets_the_conflict_view()
    {
        await using var first = await fixture.SignedInAsync(Role.Admin, "ana@example.com");
        await using var second = await fixture.SignedInAsync(Role.Admin, "ben@example.com");
        var anas = await first.NewPageAsync();
        var bens = await second.NewPageAsync();
        await anas.GotoAsync("/projects/shop/flags/dark-banner");
        await bens.GotoAsync("/projects/shop/flags/dark-banner");
        await bens.WaitForFunctionAsync("() => !!window.htmx");
        await anas.WaitForFunctionAsync("() => !!window.htmx");

        await anas.Locator("#panel-development input[name=rollout]").FillAsync("30");
        await anas.GetByRole(AriaRole.Button, new() { Name = "Save Development" }).ClickAsync();
        await Assertions.Expect(anas.Locator("#panel-development .alert-success")).ToBeVisibleAsync();

        // Ben's page learns of Ana's save from the event stream, without overwriting his panel.
        await Assertions.Expect(bens.Locator("#panel-development .flag-stale")).ToContainTextAsync("ana@example.com");
        await bens.Locator("#panel-development input[name=rollout]").FillAsync("45");
        await bens.GetByRole(AriaRole.Button, new() { Name = "Save Development" }).ClickAsync();

        var conflict = bens.Locator("#panel-development .flag-conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("ana@example.com changed Development");
        await Assertions.Expect(conflict.Locator("tr[data-differs=true]")).ToContainTextAsync("30 %");
        Assert.Equal(3000, (await fixture.App.StateAsync("dark-banner", "development")).RolloutBasisPoints);

        bens.Dialog += (_, dialog) => dialog.AcceptAsync();
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Apply mine on top" }).ClickAsync();
        await Assertions.Expect(bens.Locator("#panel-development .alert-success")).ToBeVisibleAsync();
        Assert.Equal(4500, (await fixture.App.StateAsync("dark-banner", "development")).RolloutBasisPoints);
    }

    [Fact]
    public async Task With_javascript_off_a_rule_is_added_and_saved_through_plain_form_posts()
    {
        await using var context = await fixture.SignedInAsync(Role.Admin, "nojs@example.com", javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/projects/shop/flags/search-ranking");
        var staging = page.Locator("#panel-staging");
        Assert.False(await staging.Locator("input[type=range]").IsVisibleAsync());

        await staging.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await page.Locator("#panel-staging input[name='rules[0].conditions[0].attribute']").FillAsync("plan");
        await page.Locator("#panel-staging input[name='rules[0].conditions[0].values']").FillAsync("pro");
        await page.Locator("#panel-staging input[name=rollout]").FillAsync("7.25");
        await page.Locator("#panel-staging").GetByRole(AriaRole.Button, new() { Name = "Save Staging" }).ClickAsync();

        await Assertions.Expect(page.Locator("#panel-staging .alert-success")).ToContainTextAsync("Saved Staging");
        var stored = await fixture.App.StateAsync("search-ranking", "staging");
        Assert.Equal(725, stored.RolloutBasisPoints);
        Assert.Equal("plan", stored.Rules.Single().Conditions.Single().Attribute);
    }
}
