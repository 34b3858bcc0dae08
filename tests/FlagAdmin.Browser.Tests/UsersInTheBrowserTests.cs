using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// The users pages in the browser, on both stores: an admin adds a user, changes their role, deactivates and
/// reactivates them and resets their password, each confirmed in a dialog; validation next to the fields; the keyboard
/// alone; accessibility of every state.
/// </summary>
public abstract class UsersInTheBrowserTests(BrowserFixture fixture)
{
    private UserService Users => fixture.App.Services.GetRequiredService<UserService>();

    private async Task<User> StoredAsync(string email) =>
        (await fixture.App.Services.GetRequiredService<IUserRepository>().FindUserByEmailAsync(email))!;

    [Fact]
    public async Task An_admin_adds_a_user_and_manages_them_through_dialogs()
    {
        var problems = new PageProblems();
        await using var admin = await fixture.SignedInAsync(Role.Admin, "users-admin@example.com");
        var list = await admin.OpenInteractiveAsync("/users", problems);
        await list.AssertAccessibleAsync();

        await list.GetByLabel("Email", new() { Exact = true }).FillAsync("Browser.Person@Example.com");
        await list.GetByLabel("Display name (optional)").FillAsync("Browser Person");
        await list.GetByRole(AriaRole.Radio, new() { Name = "Editor", Exact = true }).CheckAsync();
        await list.GetByLabel("Initial password").FillAsync("browser person's password");
        await list.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();

        await Assertions.Expect(list.Locator(".mud-snackbar", new() { HasText = "Added browser.person@example.com as Editor." })).ToBeVisibleAsync();
        var link = list.GetByRole(AriaRole.Link, new() { Name = "browser.person@example.com" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await list.AssertAccessibleAsync();
        Assert.True((await Users.SignInAsync("browser.person@example.com", "browser person's password")).Succeeded);

        await link.ClickAsync();
        await Assertions.Expect(list.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Browser Person (Editor)");
        await list.AssertAccessibleAsync();

        await list.GetByRole(AriaRole.Radio, new() { Name = "Viewer", Exact = true }).CheckAsync();
        await list.GetByRole(AriaRole.Button, new() { Name = "Change role" }).ClickAsync();
        var dialog = list.GetByRole(AriaRole.Dialog, new() { Name = "Make browser.person@example.com a Viewer?" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await list.AssertAccessibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Change role" }).ClickAsync();
        await Assertions.Expect(list.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Browser Person (Viewer)");
        Assert.Equal(Role.Viewer, (await StoredAsync("browser.person@example.com")).Role);

        await list.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await list.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(list.GetByRole(AriaRole.Button, new() { Name = "Reactivate" })).ToBeVisibleAsync();
        Assert.False((await StoredAsync("browser.person@example.com")).IsActive);
        await list.AssertAccessibleAsync();

        await list.GetByRole(AriaRole.Button, new() { Name = "Reactivate" }).ClickAsync();
        await list.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Reactivate" }).ClickAsync();
        await Assertions.Expect(list.GetByRole(AriaRole.Button, new() { Name = "Deactivate" })).ToBeVisibleAsync();

        await list.GetByLabel("New password").FillAsync("short");
        await list.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await list.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await Assertions.Expect(list.Locator(".mud-input-helper-text.mud-input-error", new() { HasText = "at least 12 characters" })).ToBeVisibleAsync();
        await list.AssertAccessibleAsync();
        await list.GetByLabel("New password").FillAsync("a reset password for them");
        await list.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await list.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await Assertions.Expect(list.Locator(".mud-snackbar", new() { HasText = "The password of browser.person@example.com is reset." })).ToBeVisibleAsync();
        Assert.True((await Users.SignInAsync("browser.person@example.com", "a reset password for them")).Succeeded);
        problems.AssertNone();
    }

    [Fact]
    public async Task A_taken_email_and_a_short_password_are_explained_next_to_the_fields()
    {
        await using var admin = await fixture.SignedInAsync(Role.Admin, "users-admin@example.com");
        var page = await admin.OpenInteractiveAsync("/users");

        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("USERS-ADMIN@example.com");
        await page.GetByLabel("Initial password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();

        await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error", new() { HasText = "at least 12 characters" })).ToBeVisibleAsync();
        await page.GetByLabel("Initial password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error", new() { HasText = "users-admin@example.com already has an account." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Email", new() { Exact = true })).ToHaveValueAsync("USERS-ADMIN@example.com");
        await page.AssertAccessibleAsync();
        Assert.Equal(Role.Admin, (await StoredAsync("users-admin@example.com")).Role);
    }

    [Fact]
    public async Task A_user_is_added_and_deactivated_from_the_keyboard_alone()
    {
        await using var admin = await fixture.SignedInAsync(Role.Admin, "users-admin@example.com");
        var page = await admin.OpenInteractiveAsync("/users");

        await page.GetByLabel("Email", new() { Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync("keyboard.person@example.com");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Keyboard Person");
        // Tab reaches the role group on the chosen role (Viewer); an arrow key moves the choice to Editor.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.GetByLabel("Initial password").FocusAsync();
        await page.Keyboard.TypeAsync("keyboard person's password");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Added keyboard.person@example.com as Editor." })).ToBeVisibleAsync();
        var person = await StoredAsync("keyboard.person@example.com");
        Assert.Equal(("Keyboard Person", Role.Editor), (person.DisplayName, person.Role));

        var detail = await admin.OpenInteractiveAsync($"/users/{person.Id}");
        await detail.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).FocusAsync();
        await detail.Keyboard.PressAsync("Enter");
        var dialog = detail.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await CloseWithEscapeAsync(detail, dialog);
        Assert.True((await StoredAsync("keyboard.person@example.com")).IsActive);
        await detail.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).FocusAsync();
        await detail.Keyboard.PressAsync("Enter");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).FocusAsync();
        await detail.Keyboard.PressAsync("Enter");
        await Assertions.Expect(detail.GetByRole(AriaRole.Button, new() { Name = "Reactivate" })).ToBeVisibleAsync();
        Assert.False((await StoredAsync("keyboard.person@example.com")).IsActive);
    }

    // MudBlazor listens for Escape once the dialog's script has run in the browser, which under load can come after
    // the dialog shows; a key pressed before that is not seen, so it is pressed again while the dialog stays open.
    private static async Task CloseWithEscapeAsync(IPage page, ILocator dialog)
    {
        for (var attempt = 0; attempt < 10 && await dialog.CountAsync() > 0; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await Assertions.Expect(dialog).ToHaveCountAsync(0, new() { Timeout = 1000 });
            }
            catch (PlaywrightException)
            {
            }
        }
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_is_told_on_their_own_page_that_they_cannot_deactivate_themselves()
    {
        await using var admin = await fixture.SignedInAsync(Role.Admin, "self-admin@example.com");
        var self = await StoredAsync("self-admin@example.com");
        var page = await admin.OpenInteractiveAsync($"/users/{self.Id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();

        await Assertions.Expect(page.GetByText("You cannot deactivate your own account; ask another admin.", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deactivate" })).ToHaveAccessibleDescriptionAsync("You cannot deactivate your own account; ask another admin.");
        Assert.True((await StoredAsync("self-admin@example.com")).IsActive);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class UsersInTheBrowserOnMemoryTests(BrowserFixture fixture) : UsersInTheBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class UsersInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : UsersInTheBrowserTests(fixture);
