using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// The flag page in Chromium on both stores: a toggle in a protected environment through its dialog, a rollout of
/// 12.34 % with a targeting rule, two people saving the same environment (the conflict dialog), live updates between two
/// browsers, accessibility in every state. Each test works in a project of its own. Its screenshot is taken by
/// <see cref="ScreenshotTests"/>.
/// </summary>
public abstract class FlagDetailInTheBrowserTests(BrowserFixture fixture)
{
    private static readonly LocatorAssertionsToHaveValueOptions Soon = new() { Timeout = 15_000 };
    private static int _projects;

    [Fact]
    public async Task A_toggle_in_a_protected_environment_goes_through_the_dialog_and_sticks_after_reload()
    {
        var project = await SeedAsync(requireReason: true);
        var problems = new PageProblems();
        await using var context = await fixture.SignedInAsync(Role.Editor, "pm@example.com");
        var page = await context.OpenInteractiveAsync(FlagPath(project), problems);
        var production = page.Locator("#panel-production");
        await page.AssertAccessibleAsync();

        await production.GetByRole(AriaRole.Switch, new() { Name = "On in Production" }).ClickAsync();
        await production.GetByRole(AriaRole.Button, new() { Name = "Save Production" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Save checkout in Production?" });
        await Assertions.Expect(dialog).ToContainTextAsync("Production is a protected environment");
        await page.AssertAccessibleAsync();
        await dialog.GetByLabel("Reason (required)").FillAsync("Launch day");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save Production" }).ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Saved Production." })).ToBeVisibleAsync();
        await Assertions.Expect(production.Locator(".flag-stored-state")).ToHaveTextAsync("On");
        await page.AssertAccessibleAsync();
        await page.ReloadAsync();
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator("#panel-production").GetByRole(AriaRole.Switch, new() { Name = "On in Production" })).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator(".flag-history > li").First).ToContainTextAsync("Launch day");
        var entry = (await fixture.App.Flags.HistoryAsync(new AuditQuery { ProjectKey = project, FlagKey = "checkout", Limit = 1 })).Items.Single();
        Assert.Equal((AuditAction.FlagToggled, "Launch day", "pm@example.com"), (entry.Action, entry.Reason, entry.Actor));
        problems.AssertNone();
    }

    [Fact]
    public async Task An_admin_sets_the_rollout_to_12_34_percent_with_the_slider_following_and_adds_a_targeting_rule()
    {
        var project = await SeedAsync();
        var problems = new PageProblems();
        await using var context = await fixture.SignedInAsync(Role.Admin, "admin@example.com");
        var page = await context.OpenInteractiveAsync(FlagPath(project), problems);
        var staging = page.Locator("#panel-staging");

        await page.Locator("#panel-staging-rollout").FillAsync("12.34");
        await page.Locator("#panel-staging-rollout").PressAsync("Tab");
        await Assertions.Expect(staging.Locator(".flag-rollout-slider input[type=range]")).ToHaveValueAsync("12.34", Soon);
        await staging.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await page.Locator("#panel-staging-rule0-c0-attribute").FillAsync("country");
        await staging.Locator(".flag-condition-operator").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "is one of" }).ClickAsync();
        await page.Locator("#panel-staging-rule0-c0-values").FillAsync("DE, AT");
        await page.Locator("#panel-staging-rule0-c0-values").PressAsync("Tab");
        await page.AssertAccessibleAsync();
        await staging.GetByRole(AriaRole.Button, new() { Name = "Save Staging" }).ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Saved Staging." })).ToBeVisibleAsync();
        var stored = await StateAsync(project, "staging");
        Assert.Equal(1234, stored.RolloutBasisPoints);
        var condition = stored.Rules.Single().Conditions.Single();
        Assert.Equal(("country", ConditionOperator.In), (condition.Attribute, condition.Operator));
        Assert.Equal(["DE", "AT"], condition.Values);

        await page.ReloadAsync();
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator("#panel-staging-rollout")).ToHaveValueAsync("12.34", Soon);
        await Assertions.Expect(page.Locator("#panel-staging-rule0-c0-values")).ToHaveValueAsync("DE, AT", Soon);
        await Assertions.Expect(page.Locator(".flag-history > li").First).ToContainTextAsync("admin@example.com");
        await page.AssertAccessibleAsync();
        problems.AssertNone();
    }

    [Fact]
    public async Task The_second_of_two_people_saving_one_environment_gets_the_conflict_dialog_and_may_put_theirs_on_top()
    {
        var project = await SeedAsync();
        await using var first = await fixture.SignedInAsync(Role.Admin, "ana@example.com");
        await using var second = await fixture.SignedInAsync(Role.Admin, "ben@example.com");
        var anas = await first.OpenInteractiveAsync(FlagPath(project));
        var bens = await second.OpenInteractiveAsync(FlagPath(project));
        await bens.Locator("#panel-development-rollout").FillAsync("45");
        await bens.Locator("#panel-development-rollout").PressAsync("Tab");

        await anas.Locator("#panel-development-rollout").FillAsync("30");
        await anas.Locator("#panel-development-rollout").PressAsync("Tab");
        await anas.Locator("#panel-development").GetByRole(AriaRole.Button, new() { Name = "Save Development" }).ClickAsync();
        await Assertions.Expect(anas.Locator(".mud-snackbar", new() { HasText = "Saved Development." })).ToBeVisibleAsync();

        // Ben's page learns of Ana's save without overwriting what he typed.
        await Assertions.Expect(bens.Locator("#panel-development .flag-stale")).ToContainTextAsync("ana@example.com");
        await Assertions.Expect(bens.Locator("#panel-development-rollout")).ToHaveValueAsync("45");
        await bens.AssertAccessibleAsync();
        await bens.Locator("#panel-development").GetByRole(AriaRole.Button, new() { Name = "Save Development" }).ClickAsync();

        var conflict = bens.GetByRole(AriaRole.Dialog, new() { Name = "Someone else changed this" });
        await Assertions.Expect(conflict).ToContainTextAsync("ana@example.com changed this");
        await Assertions.Expect(conflict.Locator("tr", new() { HasText = "Rollout" })).ToContainTextAsync("30 %");
        await Assertions.Expect(conflict.Locator("tr", new() { HasText = "Rollout" })).ToContainTextAsync("45 %");
        Assert.Equal(3000, (await StateAsync(project, "development")).RolloutBasisPoints);
        await bens.AssertAccessibleAsync();

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Apply mine on top" }).ClickAsync();

        await Assertions.Expect(bens.Locator(".mud-snackbar", new() { HasText = "Saved Development." })).ToBeVisibleAsync();
        var stored = await StateAsync(project, "development");
        Assert.Equal((4500, "ben@example.com"), (stored.RolloutBasisPoints, stored.UpdatedBy));
        await Assertions.Expect(anas.Locator("#panel-development-rollout")).ToHaveValueAsync("45", Soon);
    }

    [Fact]
    public async Task A_change_in_one_browser_shows_in_the_other_open_flag_page_with_who_made_it()
    {
        var project = await SeedAsync();
        await using var watcher = await fixture.SignedInAsync(Role.Viewer, "watcher@example.com");
        await using var editor = await fixture.SignedInAsync(Role.Editor, "alice@example.com");
        var watching = await watcher.OpenInteractiveAsync(FlagPath(project));
        var editing = await editor.OpenInteractiveAsync(FlagPath(project));

        await editing.Locator("#panel-staging").GetByRole(AriaRole.Switch, new() { Name = "On in Staging" }).ClickAsync();
        await editing.Locator("#panel-staging").GetByRole(AriaRole.Button, new() { Name = "Save Staging" }).ClickAsync();
        await Assertions.Expect(editing.Locator(".mud-snackbar", new() { HasText = "Saved Staging." })).ToBeVisibleAsync();

        await Assertions.Expect(watching.Locator("#panel-staging .flag-stored-state")).ToHaveTextAsync("On");
        await Assertions.Expect(watching.Locator("#panel-staging").GetByRole(AriaRole.Switch, new() { Name = "On in Staging" })).ToBeCheckedAsync();
        await Assertions.Expect(watching.Locator(".mud-snackbar", new() { HasText = "alice@example.com" })).ToBeVisibleAsync();
        await Assertions.Expect(watching.Locator(".flag-history > li").First).ToContainTextAsync("alice@example.com");
        await watching.AssertAccessibleAsync();
        await Assertions.Expect(editing.Locator(".mud-snackbar", new() { HasText = "alice@example.com" })).ToHaveCountAsync(0);
    }

    private static string FlagPath(string project) => $"/projects/{project}/flags/checkout";

    /// <summary>A project of its own: development, staging, production (protected) and flag "checkout", off everywhere.</summary>
    private async Task<string> SeedAsync(bool requireReason = false)
    {
        var flags = fixture.App.Flags;
        var project = $"detail-{Interlocked.Increment(ref _projects)}";
        await flags.CreateProjectAsync(new NewProject(project, "Detail", RequireReasonInProtectedEnvironments: requireReason), AppOnLoopback.Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment(project, "development", "Development", 0), AppOnLoopback.Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment(project, "staging", "Staging", 1), AppOnLoopback.Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment(project, "production", "Production", 2, Protected: true), AppOnLoopback.Seed);
        await flags.CreateFlagAsync(new NewFlag { ProjectKey = project, Key = "checkout", Name = "Checkout" }, AppOnLoopback.Seed);
        return project;
    }

    private async Task<FlagState> StateAsync(string project, string environment) =>
        (await fixture.App.Flags.GetFlagAsync(project, "checkout")).StateIn(environment)!;
}

[Collection(BrowserCollection.Name)]
public sealed class FlagDetailInTheBrowserOnMemoryTests(BrowserFixture fixture) : FlagDetailInTheBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class FlagDetailInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : FlagDetailInTheBrowserTests(fixture);
