using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// A project's settings in Chromium on both stores: the name and reason rule, environments added, renamed, protected
/// and moved (by mouse and keyboard), a field error, someone else's change arriving live and as a conflict dialog,
/// accessibility in every state. Each test works in a project of its own.
/// </summary>
public abstract class SettingsInTheBrowserTests(BrowserFixture fixture)
{
    private static int _projects;

    private async Task<string> SeedAsync()
    {
        var key = $"settings-{Interlocked.Increment(ref _projects)}";
        await fixture.App.Flags.CreateProjectAsync(new NewProject(key, "Garden") { Environments = EnvironmentTemplate.Standard }, AppOnLoopback.Seed);
        return key;
    }

    private static ILocator Row(IPage page, string key) => page.Locator($"li.environment-row[data-key={key}]");

    private async Task<IReadOnlyList<string>> StoredOrderAsync(string project) =>
        (await fixture.App.Flags.ListEnvironmentsAsync(project)).Select(e => e.Key).ToList();

    [Fact]
    public async Task An_admin_renames_the_project_requires_reasons_and_sets_up_its_environments()
    {
        var project = await SeedAsync();
        var problems = new PageProblems();
        await using var admin = await fixture.SignedInAsync(Role.Admin, "settings-admin@example.com");
        var page = await admin.OpenInteractiveAsync($"/projects/{project}/settings", problems);
        await page.AssertAccessibleAsync();

        var projectForm = page.Locator("form.project-settings");
        await projectForm.GetByLabel("Name", new() { Exact = true }).FillAsync("Garden centre");
        await projectForm.GetByLabel("Require a reason for changes in protected environments").CheckAsync();
        await projectForm.GetByLabel("Reason (optional)").FillAsync("Audit asked for it");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save project" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Project settings saved." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings of Garden centre", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var create = page.Locator("form.environment-create");
        await create.GetByLabel("Key", new() { Exact = true }).FillAsync("qa");
        await create.GetByLabel("Name", new() { Exact = true }).FillAsync("QA");
        await create.GetByRole(AriaRole.Button, new() { Name = "Add environment" }).ClickAsync();
        await Assertions.Expect(Row(page, "qa")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Environment qa added." })).ToBeVisibleAsync();
        await Assertions.Expect(create.GetByLabel("Key", new() { Exact = true })).ToHaveValueAsync("");

        var staging = Row(page, "staging");
        await staging.GetByLabel("Name", new() { Exact = true }).FillAsync("Pre-production");
        await staging.GetByLabel("Protected").CheckAsync();
        await staging.GetByRole(AriaRole.Button, new() { Name = "Save Staging" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Environment staging saved." })).ToBeVisibleAsync();
        await Assertions.Expect(staging.Locator(".environment-protected")).ToBeVisibleAsync();
        var savedStaging = (await fixture.App.Flags.ListEnvironmentsAsync(project)).Single(e => e.Key == "staging");
        Assert.Equal(("Pre-production", true), (savedStaging.Name, savedStaging.Protected));

        await page.GetByRole(AriaRole.Button, new() { Name = "Move QA up" }).ClickAsync();
        await Assertions.Expect(page.Locator("li.environment-row").Nth(2)).ToHaveAttributeAsync("data-key", "qa");
        await page.AssertAccessibleAsync();

        var stored = await fixture.App.Flags.GetProjectSetupAsync(project);
        Assert.Equal(("Garden centre", true), (stored.Project.Name, stored.Project.RequireReasonInProtectedEnvironments));
        Assert.Equal([("development", false), ("staging", true), ("qa", false), ("production", true)], stored.Environments.Select(e => (e.Key, e.Protected)));
        Assert.Equal("Pre-production", stored.Environments[1].Name);
        var renamed = (await fixture.App.Flags.HistoryAsync(new AuditQuery { ProjectKey = project, Action = AuditAction.ProjectUpdated })).Items.Single();
        Assert.Equal(("settings-admin@example.com", "Audit asked for it"), (renamed.Actor, renamed.Reason));
        problems.AssertNone();
    }

    [Fact]
    public async Task An_empty_name_is_explained_next_to_it_and_nothing_is_stored()
    {
        var project = await SeedAsync();
        await using var admin = await fixture.SignedInAsync(Role.Admin, "settings-admin@example.com");
        var page = await admin.OpenInteractiveAsync($"/projects/{project}/settings");

        var staging = Row(page, "staging");
        await staging.GetByLabel("Name", new() { Exact = true }).FillAsync("");
        await staging.GetByRole(AriaRole.Button, new() { Name = "Save Staging" }).ClickAsync();

        await Assertions.Expect(staging.Locator(".mud-input-helper-text.mud-input-error", new() { HasText = "Environment name is required." })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        Assert.Equal("Staging", (await fixture.App.Flags.ListEnvironmentsAsync(project)).Single(e => e.Key == "staging").Name);
    }

    [Fact]
    public async Task Environments_are_moved_and_saved_from_the_keyboard_alone()
    {
        var project = await SeedAsync();
        await using var admin = await fixture.SignedInAsync(Role.Admin, "settings-admin@example.com");
        var page = await admin.OpenInteractiveAsync($"/projects/{project}/settings");

        await page.GetByRole(AriaRole.Button, new() { Name = "Move Production up" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("li.environment-row").Nth(1)).ToHaveAttributeAsync("data-key", "production");

        await Row(page, "development").GetByLabel("Name", new() { Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Dev");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Environment development saved." })).ToBeVisibleAsync();

        Assert.Equal(["development", "production", "staging"], await StoredOrderAsync(project));
        Assert.Equal("Dev", (await fixture.App.Flags.ListEnvironmentsAsync(project))[0].Name);
    }

    [Fact]
    public async Task Another_admins_change_shows_live_and_saving_over_it_asks_in_the_conflict_dialog()
    {
        var project = await SeedAsync();
        await using var mine = await fixture.SignedInAsync(Role.Admin, "settings-mine@example.com");
        await using var theirs = await fixture.SignedInAsync(Role.Admin, "settings-theirs@example.com");
        var page = await mine.OpenInteractiveAsync($"/projects/{project}/settings");
        var other = await theirs.OpenInteractiveAsync($"/projects/{project}/settings");

        var myName = page.Locator("form.project-settings").GetByLabel("Name", new() { Exact = true });
        await myName.FillAsync("Garden (mine)");
        await myName.BlurAsync();
        await Row(other, "staging").GetByLabel("Name", new() { Exact = true }).FillAsync("Stage");
        await other.GetByRole(AriaRole.Button, new() { Name = "Save Staging" }).ClickAsync();
        await Assertions.Expect(other.Locator(".mud-snackbar", new() { HasText = "Environment staging saved." })).ToBeVisibleAsync();
        await Assertions.Expect(other.GetByRole(AriaRole.Button, new() { Name = "Save Stage" })).ToBeVisibleAsync();
        await other.Locator("form.project-settings").GetByLabel("Name", new() { Exact = true }).FillAsync("Garden (theirs)");
        await other.GetByRole(AriaRole.Button, new() { Name = "Save project" }).ClickAsync();
        await Assertions.Expect(other.Locator(".mud-snackbar", new() { HasText = "Project settings saved." })).ToBeVisibleAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings of Garden (theirs)", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, "staging").GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Stage");
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = $"settings-theirs@example.com changed project {project}" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("form.project-settings").GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Garden (mine)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save project" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("settings-theirs@example.com changed this");
        await Assertions.Expect(dialog.Locator(".conflict-theirs").First).ToHaveTextAsync("Garden (theirs)");
        await Assertions.Expect(dialog.Locator(".conflict-yours").First).ToHaveTextAsync("Garden (mine)");
        await page.AssertAccessibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply mine on top" }).ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Project settings saved." })).ToBeVisibleAsync();
        Assert.Equal("Garden (mine)", (await fixture.App.Flags.GetProjectAsync(project)).Name);
        await Assertions.Expect(other.Locator("form.project-settings").GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Garden (mine)");
    }
}

[Collection(BrowserCollection.Name)]
public sealed class SettingsInTheBrowserOnMemoryTests(BrowserFixture fixture) : SettingsInTheBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class SettingsInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : SettingsInTheBrowserTests(fixture);
