using System.Text.RegularExpressions;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// The flags list in Chromium on both stores: switches that toggle in place, the protected environment's dialog (reason,
/// cancel), a conflict, live updates from another browser, filters in the address, roles, accessibility. Each test that
/// changes something works in a project of its own, so the shared "shop" cells stay as other tests expect.
/// </summary>
public abstract class FlagsListInTheBrowserTests(BrowserFixture fixture)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Soon = new() { Timeout = 10_000 };
    private static int _projects;

    [Fact]
    public async Task A_product_manager_toggles_a_flag_and_it_sticks_after_reload()
    {
        var project = await SeedAsync();
        var problems = new PageProblems();
        await using var context = await fixture.SignedInAsync(Role.Editor, "pm@example.com");
        var page = await context.OpenInteractiveAsync($"/projects/{project}/flags", problems);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Switch, new() { Name = "Turn checkout on in Staging" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Turn checkout off in Staging" })).ToHaveAttributeAsync("aria-checked", "true", Soon);
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Turned checkout on in Staging." })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.ReloadAsync();
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Turn checkout off in Staging" })).ToHaveAttributeAsync("aria-checked", "true", Soon);
        var stored = await StateAsync(project, "checkout", "staging");
        Assert.Equal((true, "pm@example.com"), (stored.Enabled, stored.UpdatedBy));
        problems.AssertNone();
    }

    [Fact]
    public async Task A_protected_environment_asks_in_a_dialog_and_the_reason_goes_to_the_audit_trail()
    {
        var project = await SeedAsync();
        await using var context = await fixture.SignedInAsync(Role.Editor, "pm@example.com");
        var page = await context.OpenInteractiveAsync($"/projects/{project}/flags");

        await page.GetByRole(AriaRole.Switch, new() { Name = "Turn checkout on in Production" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Turn checkout on in Production?" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Production is a protected environment");
        await page.AssertAccessibleAsync();
        await dialog.GetByLabel("Reason (optional)").FillAsync("Launch day");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Turn checkout off in Production" })).ToHaveAttributeAsync("aria-checked", "true", Soon);
        // The switch moves at the click; the snackbar comes once the change is stored.
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Turned checkout on in Production." })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.True((await StateAsync(project, "checkout", "production")).Enabled);
        var entry = (await fixture.App.Flags.HistoryAsync(new AuditQuery { ProjectKey = project, FlagKey = "checkout", Limit = 1 })).Items.Single();
        Assert.Equal((AuditAction.FlagToggled, "Launch day", "pm@example.com"), (entry.Action, entry.Reason, entry.Actor));
    }

    [Fact]
    public async Task Cancelling_the_dialog_changes_nothing_and_the_switch_stays_off()
    {
        var project = await SeedAsync();
        var before = await StateAsync(project, "checkout", "production");
        await using var context = await fixture.SignedInAsync(Role.Editor, "pm@example.com");
        var page = await context.OpenInteractiveAsync($"/projects/{project}/flags");

        await page.GetByRole(AriaRole.Switch, new() { Name = "Turn checkout on in Production" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Turn checkout on in Production" })).ToHaveAttributeAsync("aria-checked", "false", Soon);
        Assert.Equal(before, await StateAsync(project, "checkout", "production"));
        Assert.Single((await fixture.App.Flags.HistoryAsync(new AuditQuery { ProjectKey = project, FlagKey = "checkout" })).Items);
    }

    [Fact]
    public async Task A_required_reason_left_empty_is_asked_for_again_and_nothing_is_saved_until_given()
    {
        var project = await SeedAsync(requireReason: true);
        await using var context = await fixture.SignedInAsync(Role.Editor, "pm@example.com");
        var page = await context.OpenInteractiveAsync($"/projects/{project}/flags");

        await page.GetByRole(AriaRole.Switch, new() { Name = "Turn checkout on in Production" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();

        await Assertions.Expect(dialog.GetByText("This project asks for a reason")).ToBeVisibleAsync();
        Assert.False((await StateAsync(project, "checkout", "production")).Enabled);
        await dialog.GetByLabel("Reason (required)").FillAsync("Incident 42 fixed");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Turn checkout off in Production" })).ToHaveAttributeAsync("aria-checked", "true", Soon);
        // The switch moves at the click; the snackbar comes once the change is stored.
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Turned checkout on in Production." })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.True((await StateAsync(project, "checkout", "production")).Enabled);
    }

    [Fact]
    public async Task A_change_made_while_the_dialog_was_open_is_a_conflict_shown_with_who_and_mine_can_go_on_top()
    {
        var project = await SeedAsync();
        await using var context = await fixture.SignedInAsync(Role.Editor, "pm@example.com");
        var page = await context.OpenInteractiveAsync($"/projects/{project}/flags");
        await page.GetByRole(AriaRole.Switch, new() { Name = "Turn checkout on in Production" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Turn checkout on in Production?" });
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        var seen = await StateAsync(project, "checkout", "production");
        await fixture.App.Flags.SetRolloutAsync(project, "checkout", "production", 2500, seen.Version, new("colleague@example.com", Role: Role.Admin));

        await confirm.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();

        var conflict = page.GetByRole(AriaRole.Dialog, new() { Name = "Someone else changed this" });
        await Assertions.Expect(conflict).ToContainTextAsync("colleague@example.com changed this");
        Assert.False((await StateAsync(project, "checkout", "production")).Enabled);
        await page.AssertAccessibleAsync();
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Apply mine on top" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Turn checkout off in Production" })).ToHaveAttributeAsync("aria-checked", "true", Soon);
        // The switch moves at the click; the snackbar comes once the change is stored.
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Turned checkout on in Production." })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var stored = await StateAsync(project, "checkout", "production");
        Assert.Equal((true, 2500, "pm@example.com"), (stored.Enabled, stored.RolloutBasisPoints, stored.UpdatedBy));
    }

    [Fact]
    public async Task A_change_in_one_browser_shows_in_another_open_list_without_reload()
    {
        var project = await SeedAsync();
        await using var watcher = await fixture.SignedInAsync(Role.Viewer, "watcher@example.com");
        await using var editor = await fixture.SignedInAsync(Role.Editor, "alice@example.com");
        var watching = await watcher.OpenInteractiveAsync($"/projects/{project}/flags");
        var editing = await editor.OpenInteractiveAsync($"/projects/{project}/flags");

        await editing.GetByRole(AriaRole.Switch, new() { Name = "Turn search on in Development" }).ClickAsync();

        await Assertions.Expect(watching.GetByRole(AriaRole.Switch, new() { Name = "Turn search off in Development" })).ToHaveAttributeAsync("aria-checked", "true", Soon);
        await Assertions.Expect(watching.Locator(".mud-snackbar", new() { HasText = "alice@example.com turned search on in development" })).ToBeVisibleAsync();
        await Assertions.Expect(editing.Locator(".mud-snackbar", new() { HasText = "alice@example.com turned" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Search_and_filters_are_in_the_address_and_back_returns_to_the_previous_list()
    {
        var project = await SeedAsync();
        await using var context = await fixture.SignedInAsync(Role.Viewer, "viewer@example.com");
        var page = await context.OpenInteractiveAsync($"/projects/{project}/flags");
        var links = page.Locator(".flags-grid a.flag-link");
        await Assertions.Expect(links).ToHaveTextAsync(["Dark banner", "Checkout", "Search ranking"]);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search" }).PressSequentiallyAsync("bann");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/projects/{project}/flags\\?q=bann$"));
        await Assertions.Expect(links).ToHaveTextAsync(["Dark banner"]);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search" }).FillAsync("");
        await Assertions.Expect(links).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Tag" }).FillAsync("web");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/projects/{project}/flags\\?tag=web$"));
        await Assertions.Expect(links).ToHaveTextAsync(["Dark banner", "Checkout"]);
        await page.GetByRole(AriaRole.Columnheader, new() { Name = "Name" }).GetByText("Name").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("\\?tag=web&sort=name$"));
        await Assertions.Expect(links).ToHaveTextAsync(["Checkout", "Dark banner"]);
        await page.AssertAccessibleAsync();

        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/projects/{project}/flags\\?tag=web$"));
        await Assertions.Expect(links).ToHaveTextAsync(["Dark banner", "Checkout"]);

        var bookmarked = await context.OpenInteractiveAsync($"/projects/{project}/flags?owner=discovery&archived=all");
        await Assertions.Expect(bookmarked.Locator(".flags-grid a.flag-link")).ToHaveTextAsync(["Search ranking"]);
        await Assertions.Expect(bookmarked.GetByRole(AriaRole.Textbox, new() { Name = "Owner" })).ToHaveValueAsync("discovery");
    }

    [Fact]
    public async Task Pages_hold_fifty_flags_and_the_page_is_in_the_address()
    {
        var project = await SeedAsync(extraFlags: 55);
        await using var context = await fixture.SignedInAsync(Role.Viewer, "viewer@example.com");
        var page = await context.OpenInteractiveAsync($"/projects/{project}/flags");
        var links = page.Locator(".flags-grid a.flag-link");
        await Assertions.Expect(links).ToHaveCountAsync(50);
        await Assertions.Expect(page.GetByText("1–50 of 58 flags")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("\\?page=2$"));
        await Assertions.Expect(links).ToHaveCountAsync(8);
        await page.GoBackAsync();
        await Assertions.Expect(links).ToHaveCountAsync(50);
        var second = await context.OpenInteractiveAsync($"/projects/{project}/flags?page=2");
        await Assertions.Expect(second.Locator(".flags-grid a.flag-link")).ToHaveCountAsync(8);
    }

    [Fact]
    public async Task A_viewer_sees_every_switch_disabled_with_the_reason()
    {
        var project = await SeedAsync();
        await using var context = await fixture.SignedInAsync(Role.Viewer, "viewer@example.com");
        var page = await context.OpenInteractiveAsync($"/projects/{project}/flags");

        var switches = page.GetByRole(AriaRole.Switch);
        await Assertions.Expect(switches).ToHaveCountAsync(9);
        foreach (var one in await switches.AllAsync())
        {
            await Assertions.Expect(one).ToBeDisabledAsync();
            await Assertions.Expect(one).ToHaveAccessibleDescriptionAsync("You can see the switches but not use them: turning flags on or off needs the Editor role.");
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "New flag" })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_project_without_environments_or_flags_says_what_to_do_next()
    {
        var project = $"empty-{Interlocked.Increment(ref _projects)}";
        await fixture.App.Flags.CreateProjectAsync(new NewProject(project, "Empty"), AppOnLoopback.Seed);
        await using var context = await fixture.SignedInAsync(Role.Admin, "lister-admin@example.com");
        var page = await context.OpenInteractiveAsync($"/projects/{project}/flags");

        await Assertions.Expect(page.Locator(".flags-no-environments")).ToContainTextAsync("no environments yet");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add environments in the project's settings." })).ToHaveAttributeAsync("href", $"/projects/{project}/settings");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create the first flag" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    /// <summary>A project of its own: development, staging, production (protected) and three flags, all off.</summary>
    private async Task<string> SeedAsync(bool requireReason = false, int extraFlags = 0)
    {
        var flags = fixture.App.Flags;
        var project = $"list-{Interlocked.Increment(ref _projects)}";
        await flags.CreateProjectAsync(new NewProject(project, "List", RequireReasonInProtectedEnvironments: requireReason), AppOnLoopback.Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment(project, "development", "Development", 0), AppOnLoopback.Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment(project, "staging", "Staging", 1), AppOnLoopback.Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment(project, "production", "Production", 2, Protected: true), AppOnLoopback.Seed);
        await flags.CreateFlagAsync(new NewFlag { ProjectKey = project, Key = "checkout", Name = "Checkout", Tags = new[] { "web" }.ToValueList(), Owner = "payments" }, AppOnLoopback.Seed);
        await flags.CreateFlagAsync(new NewFlag { ProjectKey = project, Key = "banner", Name = "Dark banner", Tags = new[] { "web" }.ToValueList(), Owner = "marketing" }, AppOnLoopback.Seed);
        await flags.CreateFlagAsync(new NewFlag { ProjectKey = project, Key = "search", Name = "Search ranking", Owner = "discovery" }, AppOnLoopback.Seed);
        for (var i = 1; i <= extraFlags; i++)
        {
            await flags.CreateFlagAsync(new NewFlag { ProjectKey = project, Key = $"x-{i:D3}", Name = $"Extra {i:D3}" }, AppOnLoopback.Seed);
        }
        return project;
    }

    private async Task<FlagState> StateAsync(string project, string flag, string environment) =>
        (await fixture.App.Flags.GetFlagAsync(project, flag)).StateIn(environment)!;
}

[Collection(BrowserCollection.Name)]
public sealed class FlagsListInTheBrowserOnMemoryTests(BrowserFixture fixture) : FlagsListInTheBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class FlagsListInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : FlagsListInTheBrowserTests(fixture);
