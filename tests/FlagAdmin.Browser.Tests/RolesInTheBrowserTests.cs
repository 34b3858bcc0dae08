using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// What each role can reach in Chromium: a Viewer's switches are all disabled, an Editor toggles but the rollout is
/// locked, an Admin does both; archive, delete and creating a project are disabled with the reason below Admin. In a project of its own ("roles"), so the shared "shop" cells stay as other tests expect.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RolesInTheBrowserTests(BrowserFixture fixture)
{
    private const string Project = "roles";
    private static readonly LocatorAssertionsToHaveAttributeOptions Soon = new() { Timeout = 10_000 };

    [Fact]
    public async Task A_viewer_sees_no_switch_enabled_an_editor_toggles_but_not_the_rollout_and_an_admin_does_both()
    {
        await SeedAsync();

        await using (var viewer = await fixture.SignedInAsync(Role.Viewer, "roles-viewer@example.com"))
        {
            var list = await viewer.NewPageAsync();
            await list.GotoAsync($"/projects/{Project}/flags");
            await list.WaitUntilInteractiveAsync();
            var switches = list.GetByRole(AriaRole.Switch);
            await Assertions.Expect(switches).ToHaveCountAsync(2);
            foreach (var button in await switches.AllAsync())
            {
                await Assertions.Expect(button).ToBeDisabledAsync();
            }
            await AssertAdminOnlyControlsAreLockedAsync(viewer);
        }

        await using (var editor = await fixture.SignedInAsync(Role.Editor, "roles-editor@example.com"))
        {
            var list = await editor.NewPageAsync();
            await ToggleOnAndReloadAsync(list, "Development");
            var detail = await editor.OpenInteractiveAsync($"/projects/{Project}/flags/role-check");
            await Assertions.Expect(detail.Locator("#panel-development").GetByRole(AriaRole.Switch, new() { Name = "On in Development" })).ToBeEnabledAsync();
            await Assertions.Expect(detail.Locator("#panel-development-rollout")).ToBeDisabledAsync();
            await AssertAdminOnlyControlsAreLockedAsync(editor);
        }
        Assert.True((await StateAsync("development")).Enabled);

        await using (var admin = await fixture.SignedInAsync(Role.Admin, "roles-admin@example.com"))
        {
            var list = await admin.NewPageAsync();
            await ToggleOnAndReloadAsync(list, "Staging");
            var detail = await admin.OpenInteractiveAsync($"/projects/{Project}/flags/role-check");
            await detail.Locator("#panel-staging-rollout").FillAsync("40");
            await detail.Locator("#panel-staging-rollout").PressAsync("Tab");
            await detail.Locator("#panel-staging").GetByRole(AriaRole.Button, new() { Name = "Save Staging" }).ClickAsync();
            await Assertions.Expect(detail.Locator(".mud-snackbar", new() { HasText = "Saved Staging." })).ToBeVisibleAsync();
            foreach (var name in new[] { "Archive flag", "Delete flag" })
            {
                var button = detail.GetByRole(AriaRole.Button, new() { Name = name });
                await Assertions.Expect(button).ToBeEnabledAsync();
                await Assertions.Expect(button).ToHaveAccessibleDescriptionAsync("");
            }
            var projects = await admin.NewPageAsync();
            await projects.GotoAsync("/projects");
            await Assertions.Expect(projects.GetByRole(AriaRole.Button, new() { Name = "Create project" })).ToBeEnabledAsync();
        }
        var stored = await StateAsync("staging");
        Assert.Equal((true, 4000), (stored.Enabled, stored.RolloutBasisPoints));
    }

    // Archive, delete and creating a project are shown below Admin too, disabled, with the reason as the buttons' accessible description.
    private static async Task AssertAdminOnlyControlsAreLockedAsync(IBrowserContext context)
    {
        var detail = await context.OpenInteractiveAsync($"/projects/{Project}/flags/role-check");
        await Assertions.Expect(detail.GetByText("Only admins can archive or delete flags.")).ToBeVisibleAsync();
        foreach (var name in new[] { "Archive flag", "Delete flag" })
        {
            var button = detail.GetByRole(AriaRole.Button, new() { Name = name });
            await Assertions.Expect(button).ToBeDisabledAsync();
            await Assertions.Expect(button).ToHaveAccessibleDescriptionAsync("Only admins can archive or delete flags.");
        }

        var projects = await context.NewPageAsync();
        await projects.GotoAsync("/projects");
        var create = projects.GetByRole(AriaRole.Button, new() { Name = "Create project" });
        await Assertions.Expect(create).ToBeDisabledAsync();
        await Assertions.Expect(create).ToHaveAccessibleDescriptionAsync("Only admins can create projects.");
        await Assertions.Expect(projects.GetByText("Only admins can create projects.")).ToBeVisibleAsync();
    }

    private static async Task ToggleOnAndReloadAsync(IPage list, string environment)
    {
        await list.GotoAsync($"/projects/{Project}/flags");
        await list.WaitUntilInteractiveAsync();
        await list.GetByRole(AriaRole.Switch, new() { Name = $"Turn role-check on in {environment}" }).ClickAsync();
        await Assertions.Expect(list.GetByRole(AriaRole.Switch, new() { Name = $"Turn role-check off in {environment}" })).ToHaveAttributeAsync("aria-checked", "true", Soon);
        await list.ReloadAsync();
        await list.WaitUntilInteractiveAsync();
        await Assertions.Expect(list.GetByRole(AriaRole.Switch, new() { Name = $"Turn role-check off in {environment}" })).ToHaveAttributeAsync("aria-checked", "true", Soon);
    }

    private async Task SeedAsync()
    {
        var flags = fixture.App.Flags;
        await flags.CreateProjectAsync(new NewProject(Project, "Roles"), AppOnLoopback.Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment(Project, "development", "Development", 0), AppOnLoopback.Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment(Project, "staging", "Staging", 1), AppOnLoopback.Seed);
        await flags.CreateFlagAsync(new NewFlag { ProjectKey = Project, Key = "role-check", Name = "Role check" }, AppOnLoopback.Seed);
    }

    private async Task<FlagState> StateAsync(string environment) =>
        (await fixture.App.Flags.GetFlagAsync(Project, "role-check")).StateIn(environment)!;
}
