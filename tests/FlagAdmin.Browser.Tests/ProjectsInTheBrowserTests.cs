using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// The projects page, the exemplar of an interactive MudBlazor page: creating a project through the form (mouse and
/// keyboard), validation next to the fields, roles, accessibility and the Content-Security-Policy, on both stores.
/// </summary>
public abstract class ProjectsInTheBrowserTests(BrowserFixture fixture)
{
    private static readonly PageWaitForURLOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task An_admin_creates_a_project_and_lands_on_its_settings_with_no_console_error()
    {
        var problems = new PageProblems();
        await using var admin = await fixture.SignedInAsync(Role.Admin, "projects-admin@example.com");
        var page = await admin.OpenInteractiveAsync("/projects", problems);
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("garden");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Garden");
        await page.GetByLabel("Reason (optional)").FillAsync("Spring catalogue");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

        await page.WaitForURLAsync("**/projects/garden/settings?created=1", Soon);
        var project = await fixture.App.Flags.GetProjectAsync("garden");
        Assert.Equal("Garden", project.Name);
        Assert.Equal([("development", false), ("staging", false), ("production", true)],
            (await fixture.App.Flags.ListEnvironmentsAsync("garden")).Select(e => (e.Key, e.Protected)));
        var entries = (await fixture.App.Flags.HistoryAsync(new AuditQuery { ProjectKey = "garden" })).Items;
        Assert.Equal([AuditAction.EnvironmentCreated, AuditAction.EnvironmentCreated, AuditAction.EnvironmentCreated, AuditAction.ProjectCreated], entries.Select(e => e.Action));
        Assert.All(entries, entry => Assert.Equal(("projects-admin@example.com", "Spring catalogue"), (entry.Actor, entry.Reason)));
        problems.AssertNone();
    }

    [Fact]
    public async Task The_standard_environments_are_ticked_and_the_creator_may_leave_any_out()
    {
        await using var admin = await fixture.SignedInAsync(Role.Admin, "projects-admin@example.com");
        var page = await admin.OpenInteractiveAsync("/projects");
        var development = page.GetByLabel("Development", new() { Exact = true });
        var staging = page.GetByLabel("Staging", new() { Exact = true });
        await Assertions.Expect(development).ToBeCheckedAsync();
        await Assertions.Expect(staging).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Production (protected)", new() { Exact = true })).ToBeCheckedAsync();

        await development.UncheckAsync();
        await staging.UncheckAsync();
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("lean");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Lean");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

        await page.WaitForURLAsync("**/projects/lean/settings?created=1", Soon);
        Assert.Equal(["production"], (await fixture.App.Flags.ListEnvironmentsAsync("lean")).Select(e => e.Key));
    }

    [Fact]
    public async Task A_key_already_taken_is_explained_next_to_the_key_and_the_project_is_unchanged()
    {
        await using var admin = await fixture.SignedInAsync(Role.Admin, "projects-admin@example.com");
        var page = await admin.OpenInteractiveAsync("/projects");

        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("shop");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Another shop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

        await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error", new() { HasText = "already taken" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Another shop");
        Assert.Equal("Shop", (await fixture.App.Flags.GetProjectAsync("shop")).Name);
        Assert.Equal(3, (await fixture.App.Flags.ListEnvironmentsAsync("shop")).Count);
    }

    [Fact]
    public async Task A_bad_key_and_a_missing_name_are_explained_next_to_the_fields_and_nothing_is_stored()
    {
        await using var admin = await fixture.SignedInAsync(Role.Admin, "projects-admin@example.com");
        var page = await admin.OpenInteractiveAsync("/projects");

        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("Not A Key!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Project name is required.", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Key", new() { Exact = true })).ToHaveValueAsync("Not A Key!");
        Assert.DoesNotContain(await fixture.App.Flags.ListProjectsAsync(), p => p.Name == "Not A Key!");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_form_works_from_the_keyboard_alone()
    {
        await using var admin = await fixture.SignedInAsync(Role.Admin, "projects-admin@example.com");
        var page = await admin.OpenInteractiveAsync("/projects");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Projects", Level = 1 })).ToBeFocusedAsync();

        await page.GetByLabel("Key", new() { Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync("keyboard-made");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Made by keyboard");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/projects/keyboard-made/settings?created=1", Soon);
        Assert.Equal("Made by keyboard", (await fixture.App.Flags.GetProjectAsync("keyboard-made")).Name);
    }

    [Fact]
    public async Task A_viewer_sees_the_projects_and_the_create_button_disabled_with_the_reason()
    {
        await using var viewer = await fixture.SignedInAsync(Role.Viewer, "projects-viewer@example.com");
        var page = await viewer.OpenInteractiveAsync("/projects");

        await Assertions.Expect(page.Locator(".project-row[data-key=shop] a.project-link")).ToHaveAttributeAsync("href", "/projects/shop/flags");
        var create = page.GetByRole(AriaRole.Button, new() { Name = "Create project" });
        await Assertions.Expect(create).ToBeDisabledAsync();
        await Assertions.Expect(create).ToHaveAccessibleDescriptionAsync("Only admins can create projects.");
        await Assertions.Expect(page.GetByLabel("Key", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class ProjectsInTheBrowserOnMemoryTests(BrowserFixture fixture) : ProjectsInTheBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class ProjectsInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : ProjectsInTheBrowserTests(fixture);
