using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class FlagsListInTheBrowserTests(BrowserFixture fixture)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Soon = new() { Timeout = 10_000 };

    [Fact]
    public async Task A_product_manager_toggles_a_flag_and_it_sticks_after_reload()
    {
        await using var context = await fixture.SignedInAsync(Role.Editor, "pm@example.com");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/projects/shop/flags");

        await page.GetByRole(AriaRole.Switch, new() { Name = "Turn new-checkout on in Staging" }).ClickAsync();
        var turnedOn = page.GetByRole(AriaRole.Switch, new() { Name = "Turn new-checkout off in Staging" });
        await Assertions.Expect(turnedOn).ToHaveAttributeAsync("aria-checked", "true", Soon);
        await Assertions.Expect(page.Locator("#flag-new-checkout [data-row-note]")).ToContainTextAsync("Turned on in Staging");
        await page.ReloadAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Turn new-checkout off in Staging" })).ToHaveAttributeAsync("aria-checked", "true", Soon);
        Assert.True((await fixture.App.StateAsync("new-checkout", "staging")).Enabled);
    }

    [Fact]
    public async Task With_javascript_off_a_toggle_still_works()
    {
        await using var context = await fixture.SignedInAsync(Role.Editor, "nojs@example.com", javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/projects/shop/flags?tag=web");

        await page.GetByRole(AriaRole.Switch, new() { Name = "Turn dark-banner on in Development" }).ClickAsync();

        await page.WaitForURLAsync("**/projects/shop/flags?tag=web");
        await Assertions.Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Turn dark-banner off in Development" })).ToHaveAttributeAsync("aria-checked", "true", Soon);
        Assert.True((await fixture.App.StateAsync("dark-banner", "development")).Enabled);
    }

    [Fact]
    public async Task A_change_in_one_browser_shows_in_another_open_list_without_reload()
    {
        await using var watcher = await fixture.SignedInAsync(Role.Viewer, "watcher@example.com");
        await using var editor = await fixture.SignedInAsync(Role.Editor, "alice@example.com");
        var watching = await watcher.NewPageAsync();
        await watching.GotoAsync("/projects/shop/flags");
        await watching.WaitForFunctionAsync("() => !!window.htmx");
        // The list is connected once the stream's first bytes arrived; give the EventSource a moment to open.
        await watching.WaitForTimeoutAsync(500);
        var editing = await editor.NewPageAsync();
        await editing.GotoAsync("/projects/shop/flags");

        await editing.GetByRole(AriaRole.Switch, new() { Name = "Turn search-ranking on in Development" }).ClickAsync();

        await Assertions.Expect(watching.GetByRole(AriaRole.Switch, new() { Name = "Turn search-ranking off in Development" })).ToHaveAttributeAsync("aria-checked", "true", Soon);
        await Assertions.Expect(watching.Locator("#notes")).ToContainTextAsync("alice@example.com turned search-ranking on in development", new() { Timeout = 10_000 });
    }
}
