using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// Changing one's own password (a static page: it issues the new sign-in cookie), on both stores: from the keyboard
/// alone, this tab stays signed in while another session of the same person is signed out, a mismatch is explained
/// next to the field, and every state passes axe.
/// </summary>
public abstract class ChangePasswordInTheBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_person_changes_their_password_from_the_keyboard_and_their_other_session_ends()
    {
        const string email = "own-password@example.com";
        var problems = new PageProblems();
        await using var here = await fixture.SignedInAsync(Role.Viewer, email);
        await using var elsewhere = await fixture.SignedInAsync(Role.Viewer, email);
        var page = await here.NewPageAsync();
        problems.Watch(page);
        await page.GotoAsync("/account/password");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Current password").FillAsync(AppOnLoopback.Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("a password of my own");
        await page.GetByLabel("New password again").FillAsync("not the same password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-confirm .mud-input-helper-text")).ToContainTextAsync("type the same password twice");
        await page.AssertAccessibleAsync();
        Assert.True((await fixture.App.Services.GetRequiredService<UserService>().SignInAsync(email, AppOnLoopback.Password)).Succeeded);

        await page.GetByLabel("Current password").FocusAsync();
        await page.Keyboard.TypeAsync(AppOnLoopback.Password);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("a password of my own");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("a password of my own");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");
        await page.AssertAccessibleAsync();
        var stays = await here.OpenInteractiveAsync("/projects");
        await Assertions.Expect(stays.GetByRole(AriaRole.Heading, new() { Name = "Projects", Level = 1 })).ToBeVisibleAsync();
        var other = await elsewhere.NewPageAsync();
        await other.GotoAsync("/projects");
        Assert.Contains("/signin", other.Url, StringComparison.Ordinal);
        problems.AssertNone();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class ChangePasswordInTheBrowserOnMemoryTests(BrowserFixture fixture) : ChangePasswordInTheBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class ChangePasswordInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : ChangePasswordInTheBrowserTests(fixture);
