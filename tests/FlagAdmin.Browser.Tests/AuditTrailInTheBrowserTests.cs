using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>The audit trail in Chromium, after changes made through the other pages. Its screenshot is taken by <see cref="ScreenshotTests"/>.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditTrailInTheBrowserTests(BrowserFixture fixture)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Soon = new() { Timeout = 10_000 };

    [Fact]
    public async Task After_a_toggle_and_a_rollout_change_the_audit_trail_shows_both_with_actor_before_and_after()
    {
        await using (var editor = await fixture.SignedInAsync(Role.Editor, "audit-pm@example.com"))
        {
            var list = await editor.NewPageAsync();
            await list.GotoAsync("/projects/shop/flags");
            await list.WaitUntilInteractiveAsync();
            await list.GetByRole(AriaRole.Switch, new() { Name = "Turn dark-banner off in Staging" }).ClickAsync();
            await Assertions.Expect(list.GetByRole(AriaRole.Switch, new() { Name = "Turn dark-banner on in Staging" })).ToHaveAttributeAsync("aria-checked", "false", Soon);
        }
        await using var admin = await fixture.SignedInAsync(Role.Admin, "audit-admin@example.com");
        var detail = await admin.OpenInteractiveAsync("/projects/shop/flags/dark-banner");
        await detail.Locator("#panel-staging-rollout").FillAsync("30");
        await detail.Locator("#panel-staging-rollout").PressAsync("Tab");
        await detail.Locator("#panel-staging").GetByRole(AriaRole.Button, new() { Name = "Save Staging" }).ClickAsync();
        await Assertions.Expect(detail.Locator(".mud-snackbar", new() { HasText = "Saved Staging." })).ToBeVisibleAsync();

        var audit = await admin.NewPageAsync();
        await audit.GotoAsync("/projects/shop/audit");
        await audit.WaitForFunctionAsync("() => !!window.htmx");
        await audit.Locator("#audit-flag").FillAsync("dark-banner");
        await audit.Locator("#audit-environment").SelectOptionAsync("staging");
        await audit.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Assertions.Expect(audit).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/projects/shop/audit\\?flag=dark-banner&environment=staging$"));
        var entries = audit.Locator("li.audit-entry");
        var rollout = entries.Nth(0);
        await Assertions.Expect(rollout.Locator(".audit-action")).ToHaveTextAsync("Rollout changed");
        await Assertions.Expect(rollout.Locator(".audit-actor")).ToHaveTextAsync("audit-admin@example.com");
        await Assertions.Expect(rollout.Locator("[data-field=Rollout] del")).ToHaveTextAsync("100 %");
        await Assertions.Expect(rollout.Locator("[data-field=Rollout] ins")).ToHaveTextAsync("30 %");
        var toggle = entries.Nth(1);
        await Assertions.Expect(toggle.Locator(".audit-action")).ToHaveTextAsync("Flag toggled");
        await Assertions.Expect(toggle.Locator(".audit-actor")).ToHaveTextAsync("audit-pm@example.com");
        await Assertions.Expect(toggle.Locator("[data-field=Enabled] del")).ToHaveTextAsync("on");
        await Assertions.Expect(toggle.Locator("[data-field=Enabled] ins")).ToHaveTextAsync("off");
    }
}
