using System.Text.Json;
using System.Text.RegularExpressions;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// The audit trail in Chromium on both stores: entries in words after changes made in the flags list and on the flag page,
/// filters in the address (Back follows), keyset pages past 50 entries, the exports' downloads, a change from another
/// browser arriving live, what the page says when nothing matches or a filter cannot be read, and axe on each of those.
/// Each test works in a project of its own. Its screenshot is taken by <see cref="ScreenshotTests"/>.
/// </summary>
public abstract class AuditTrailInTheBrowserTests(BrowserFixture fixture)
{
    private static int _projects;

    [Fact]
    public async Task After_a_toggle_in_the_list_and_a_rollout_change_on_the_flag_page_the_trail_shows_both_with_who_and_before_and_after()
    {
        var project = await SeedAsync();
        await using (var editor = await fixture.SignedInAsync(Role.Editor, "audit-pm@example.com"))
        {
            var list = await editor.OpenInteractiveAsync($"/projects/{project}/flags");
            await list.GetByRole(AriaRole.Switch, new() { Name = "Turn banner on in Staging" }).ClickAsync();
            await Assertions.Expect(list.Locator(".mud-snackbar", new() { HasText = "Turned banner on in Staging." })).ToBeVisibleAsync();
        }
        await using (var admin = await fixture.SignedInAsync(Role.Admin, "audit-admin@example.com"))
        {
            var detail = await admin.OpenInteractiveAsync($"/projects/{project}/flags/banner");
            await detail.Locator("#panel-staging-rollout").FillAsync("30");
            await detail.Locator("#panel-staging-rollout").PressAsync("Tab");
            await detail.Locator("#panel-staging").GetByRole(AriaRole.Button, new() { Name = "Save Staging" }).ClickAsync();
            await Assertions.Expect(detail.Locator(".mud-snackbar", new() { HasText = "Saved Staging." })).ToBeVisibleAsync();
        }
        var problems = new PageProblems();
        await using var viewer = await fixture.SignedInAsync(Role.Viewer, "audit-reader@example.com");
        var audit = await viewer.OpenInteractiveAsync($"/projects/{project}/audit", problems);
        await audit.AssertAccessibleAsync();

        await audit.GetByLabel("Flag key").FillAsync("banner");
        await audit.GetByLabel("Flag key").PressAsync("Enter");
        await Assertions.Expect(audit).ToHaveURLAsync(new Regex($"/projects/{project}/audit\\?flag=banner$"));
        await audit.Locator(".audit-environment-filter").ClickAsync();
        await audit.GetByRole(AriaRole.Option, new() { Name = "Staging" }).ClickAsync();

        await Assertions.Expect(audit).ToHaveURLAsync(new Regex($"/projects/{project}/audit\\?flag=banner&environment=staging$"));
        var rows = audit.Locator("tr.audit-entry");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var rollout = rows.Nth(0);
        await Assertions.Expect(rollout.Locator(".audit-action")).ToHaveTextAsync("Rollout changed");
        await Assertions.Expect(rollout.Locator(".audit-actor")).ToHaveTextAsync("audit-admin@example.com");
        await Assertions.Expect(rollout.Locator("[data-field=Rollout] del")).ToHaveTextAsync("100 %");
        await Assertions.Expect(rollout.Locator("[data-field=Rollout] ins")).ToHaveTextAsync("30 %");
        var toggle = rows.Nth(1);
        await Assertions.Expect(toggle.Locator(".audit-action")).ToHaveTextAsync("Flag toggled");
        await Assertions.Expect(toggle.Locator(".audit-actor")).ToHaveTextAsync("audit-pm@example.com");
        await Assertions.Expect(toggle.Locator("[data-field=Enabled] del")).ToHaveTextAsync("off");
        await Assertions.Expect(toggle.Locator("[data-field=Enabled] ins")).ToHaveTextAsync("on");

        await rollout.GetByRole(AriaRole.Button, new() { Name = "Show the stored record" }).ClickAsync();
        await Assertions.Expect(rollout.Locator(".audit-json-after")).ToContainTextAsync("\"rolloutBasisPoints\": 3000");
        await audit.AssertAccessibleAsync();
        problems.AssertNone();
    }

    [Fact]
    public async Task Filters_are_in_the_address_and_back_returns_to_the_previous_list()
    {
        var project = await SeedAsync();
        await ToggleAsync(project, "banner", "development", "ada@example.com");
        await ToggleAsync(project, "checkout", "development", "bob@example.com");
        await using var context = await fixture.SignedInAsync(Role.Viewer, "audit-reader@example.com");
        var page = await context.OpenInteractiveAsync($"/projects/{project}/audit");
        var actors = page.Locator("tr.audit-entry .audit-actor");
        await Assertions.Expect(actors.First).ToHaveTextAsync("bob@example.com");

        await page.GetByLabel("Who").FillAsync("ada@example.com");
        await page.GetByLabel("Who").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("\\?actor=ada@example.com$"));
        await Assertions.Expect(actors).ToHaveTextAsync(["ada@example.com"]);
        await page.Locator(".audit-action-filter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Rollout changed" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("\\?actor=ada@example.com&action=RolloutChanged$"));
        await Assertions.Expect(page.Locator(".audit-empty")).ToContainTextAsync("No change matches these filters.");
        await page.AssertAccessibleAsync();

        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("\\?actor=ada@example.com$"));
        await Assertions.Expect(actors).ToHaveTextAsync(["ada@example.com"]);
        await page.GoBackAsync();
        await Assertions.Expect(actors.First).ToHaveTextAsync("bob@example.com");
        await Assertions.Expect(page.GetByLabel("Who")).ToHaveValueAsync("");

        var bookmarked = await context.OpenInteractiveAsync($"/projects/{project}/audit?actor=bob%40example.com");
        await Assertions.Expect(bookmarked.Locator("tr.audit-entry .audit-actor")).ToHaveTextAsync(["bob@example.com"]);
    }

    [Fact]
    public async Task Older_entries_come_in_pages_of_fifty_whose_cursor_is_in_the_address()
    {
        var project = await SeedAsync();
        for (var i = 0; i < 55; i++)
        {
            await ToggleAsync(project, "checkout", "development", "bulk@example.com");
        }
        await using var context = await fixture.SignedInAsync(Role.Viewer, "audit-reader@example.com");
        var page = await context.OpenInteractiveAsync($"/projects/{project}/audit");
        var rows = page.Locator("tr.audit-entry");
        await Assertions.Expect(rows).ToHaveCountAsync(50);

        await page.GetByRole(AriaRole.Link, new() { Name = "Older entries" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/projects/{project}/audit\\?before=\\d+$"));
        await Assertions.Expect(rows).ToHaveCountAsync(55 + 7 - 50); // the project, 3 environments and 3 flags were created first
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older entries" })).ToHaveCountAsync(0);
        await Assertions.Expect(rows.Last.Locator(".audit-action")).ToHaveTextAsync("Project created");
        await page.AssertAccessibleAsync();
        await page.GoBackAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(rows.First.Locator(".audit-actor")).ToHaveTextAsync("bulk@example.com");
    }

    [Fact]
    public async Task The_exports_download_the_filtered_entries()
    {
        var project = await SeedAsync();
        await ToggleAsync(project, "banner", "production", "ada@example.com", "=launch");
        await ToggleAsync(project, "checkout", "production", "bob@example.com");
        await using var context = await fixture.SignedInAsync(Role.Viewer, "audit-reader@example.com");
        var page = await context.OpenInteractiveAsync($"/projects/{project}/audit?environment=production&action=FlagToggled");

        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export JSON" }).ClickAsync());

        Assert.Equal($"audit-{project}.csv", csv.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync((await csv.PathAsync())!)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,at,actor,via,action,project,environment,flag,reason", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",bob@example.com,,flag_toggled,", lines[1]);
        Assert.Contains(",ada@example.com,,flag_toggled,", lines[2]);
        Assert.Contains(",'=launch,", lines[2]);
        using var entries = JsonDocument.Parse(await File.ReadAllTextAsync((await json.PathAsync())!));
        Assert.Equal(["checkout", "banner"], entries.RootElement.EnumerateArray().Select(e => e.GetProperty("flag").GetString()));
        Assert.All(entries.RootElement.EnumerateArray(), e => Assert.Equal("production", e.GetProperty("environment").GetString()));
    }

    [Fact]
    public async Task A_change_in_another_browser_appears_at_the_top_without_reload()
    {
        var project = await SeedAsync();
        await using var watcher = await fixture.SignedInAsync(Role.Viewer, "audit-watcher@example.com");
        await using var editor = await fixture.SignedInAsync(Role.Editor, "audit-alice@example.com");
        var watching = await watcher.OpenInteractiveAsync($"/projects/{project}/audit");
        var rows = watching.Locator("tr.audit-entry");
        await Assertions.Expect(rows).ToHaveCountAsync(7);
        var editing = await editor.OpenInteractiveAsync($"/projects/{project}/flags");

        await editing.GetByRole(AriaRole.Switch, new() { Name = "Turn search on in Development" }).ClickAsync();

        await Assertions.Expect(rows).ToHaveCountAsync(8);
        await Assertions.Expect(rows.First.Locator(".audit-actor")).ToHaveTextAsync("audit-alice@example.com");
        await Assertions.Expect(rows.First.Locator("[data-field=Enabled] ins")).ToHaveTextAsync("on");
        await Assertions.Expect(watching.Locator(".mud-snackbar", new() { HasText = "audit-alice@example.com turned search on in development" })).ToBeVisibleAsync();
        await watching.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Filters_that_cannot_be_read_are_explained_and_a_broken_page_link_offers_the_newest_entries()
    {
        var project = await SeedAsync();
        await using var context = await fixture.SignedInAsync(Role.Viewer, "audit-reader@example.com");
        var problems = new PageProblems();

        var page = await context.OpenInteractiveAsync($"/projects/{project}/audit?action=Explode&from=yesterday", problems);
        await Assertions.Expect(page.Locator(".audit-problem")).ToContainTextAsync("Correct the filters marked above");
        await Assertions.Expect(page.GetByText("'yesterday' is not a time")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("'Explode' is not an action")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr.audit-entry")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        var broken = await context.OpenInteractiveAsync($"/projects/{project}/audit?before=abc", problems);
        await broken.GetByRole(AriaRole.Link, new() { Name = "Show the newest entries." }).ClickAsync();
        await Assertions.Expect(broken).ToHaveURLAsync(new Regex($"/projects/{project}/audit$"));
        await Assertions.Expect(broken.Locator("tr.audit-entry")).ToHaveCountAsync(7);
        await broken.AssertAccessibleAsync();
        problems.AssertNone();
    }

    /// <summary>A project of its own: development, staging, production (protected) and three flags, all off; 7 entries.</summary>
    private async Task<string> SeedAsync()
    {
        var flags = fixture.App.Flags;
        var project = $"audit-{Interlocked.Increment(ref _projects)}";
        await flags.CreateProjectAsync(new NewProject(project, "Audit"), AppOnLoopback.Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment(project, "development", "Development", 0), AppOnLoopback.Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment(project, "staging", "Staging", 1), AppOnLoopback.Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment(project, "production", "Production", 2, Protected: true), AppOnLoopback.Seed);
        await flags.CreateFlagAsync(new NewFlag { ProjectKey = project, Key = "checkout", Name = "Checkout" }, AppOnLoopback.Seed);
        await flags.CreateFlagAsync(new NewFlag { ProjectKey = project, Key = "banner", Name = "Dark banner" }, AppOnLoopback.Seed);
        await flags.CreateFlagAsync(new NewFlag { ProjectKey = project, Key = "search", Name = "Search ranking" }, AppOnLoopback.Seed);
        return project;
    }

    private async Task ToggleAsync(string project, string flag, string environment, string actor, string? reason = null)
    {
        var state = (await fixture.App.Flags.GetFlagAsync(project, flag)).StateIn(environment)!;
        await fixture.App.Flags.SetEnabledAsync(project, flag, environment, !state.Enabled, state.Version, new ChangeContext(actor, reason, Role: Role.Admin));
    }
}

[Collection(BrowserCollection.Name)]
public sealed class AuditTrailInTheBrowserOnMemoryTests(BrowserFixture fixture) : AuditTrailInTheBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class AuditTrailInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : AuditTrailInTheBrowserTests(fixture);
