using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// A circuit lives long, so its sign-in is re-checked against the store (CircuitSignIn, every 10 s): an admin in a
/// second browser demotes or deactivates a user whose tab is open, and within 30 s that tab loses the powers. (A write
/// sent before the re-check is refused by the service, which reads the stored user on every call: bunit's
/// ProjectsPageTests.) The admin works through the users page, as a person would.
/// </summary>
public abstract class RevalidationInTheBrowserTests(BrowserFixture fixture)
{
    private static readonly TimeSpan Revalidated = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_demoted_admins_open_tab_loses_the_admin_controls_within_30_seconds()
    {
        await using var admin = await fixture.SignedInAsync(Role.Admin, "revalidating-admin@example.com");
        await using var other = await fixture.SignedInAsync(Role.Admin, "demoted@example.com");
        var tab = await other.OpenInteractiveAsync("/projects");
        await Assertions.Expect(tab.GetByLabel("Key", new() { Exact = true })).ToBeVisibleAsync();

        await ChangeRoleAsync(admin, "demoted@example.com", Role.Editor);

        var create = tab.GetByRole(AriaRole.Button, new() { Name = "Create project" });
        await Assertions.Expect(create).ToBeDisabledAsync(new() { Timeout = (float)Revalidated.TotalMilliseconds });
        await Assertions.Expect(create).ToHaveAccessibleDescriptionAsync("Only admins can create projects.");
        await Assertions.Expect(tab.GetByLabel("Key", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(tab.Locator(".user-menu .role-chip")).ToHaveTextAsync("Editor");
        Assert.EndsWith("/projects", tab.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_users_open_tab_is_sent_to_sign_in_within_30_seconds()
    {
        await using var admin = await fixture.SignedInAsync(Role.Admin, "revalidating-admin@example.com");
        await using var other = await fixture.SignedInAsync(Role.Editor, "deactivated@example.com");
        var tab = await other.OpenInteractiveAsync("/projects");

        await DeactivateAsync(admin, "deactivated@example.com");

        await tab.WaitForURLAsync("**/signin?returnUrl=%2Fprojects", new() { Timeout = (float)Revalidated.TotalMilliseconds });
        await Assertions.Expect(tab.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        var again = await tab.GotoAsync("/projects");
        Assert.Contains("/signin", again!.Url, StringComparison.Ordinal);
    }

    private async Task<IPage> UserPageAsync(IBrowserContext admin, string email)
    {
        var user = await fixture.App.Services.GetRequiredService<IUserRepository>().FindUserByEmailAsync(email);
        return await admin.OpenInteractiveAsync($"/users/{user!.Id}");
    }

    private async Task ChangeRoleAsync(IBrowserContext admin, string email, Role role)
    {
        var page = await UserPageAsync(admin, email);
        await page.GetByRole(AriaRole.Radio, new() { Name = role.ToString(), Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Change role" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Change role" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(role.ToString());
    }

    private async Task DeactivateAsync(IBrowserContext admin, string email)
    {
        var page = await UserPageAsync(admin, email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reactivate" })).ToBeVisibleAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class RevalidationInTheBrowserOnMemoryTests(BrowserFixture fixture) : RevalidationInTheBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class RevalidationInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : RevalidationInTheBrowserTests(fixture);
