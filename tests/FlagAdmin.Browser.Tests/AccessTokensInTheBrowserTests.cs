using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// One's own access tokens in the browser, on both stores: created from the keyboard, the secret shown once with a copy
/// button, revoked through the dialog, accessibility of every state.
/// </summary>
public abstract class AccessTokensInTheBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_token_is_created_from_the_keyboard_shown_once_copied_and_revoked_through_the_dialog()
    {
        var problems = new PageProblems();
        await using var editor = await fixture.SignedInAsync(Role.Editor, "tokens-editor@example.com");
        var page = await editor.OpenInteractiveAsync("/account/tokens", problems);
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync("deploy pipeline");
        await page.Keyboard.PressAsync("Enter");

        var secret = page.GetByLabel("New token");
        await Assertions.Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^fa_pat_"));
        var value = await secret.InputValueAsync();
        var users = fixture.App.Services.GetRequiredService<UserService>();
        Assert.Equal(Role.Viewer, (await users.AuthenticateTokenAsync(value))!.Role);
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy the token" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "cop" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke deploy pipeline" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Revoke deploy pipeline?" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();

        await Assertions.Expect(page.Locator(".token-status")).ToHaveTextAsync("Revoked");
        Assert.Null(await users.AuthenticateTokenAsync(value));
        var again = await editor.OpenInteractiveAsync("/account/tokens");
        await Assertions.Expect(again.GetByLabel("New token")).ToHaveCountAsync(0);
        problems.AssertNone();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class AccessTokensInTheBrowserOnMemoryTests(BrowserFixture fixture) : AccessTokensInTheBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class AccessTokensInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : AccessTokensInTheBrowserTests(fixture);
