using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.Users;
using FlagAdmin.Web.Components.Shared;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>
/// One user's page: role, deactivate and reactivate, reset password, each confirmed in a dialog, and each outcome of
/// the save (saved, refused by a rule, conflict, database down).
/// </summary>
public sealed class UserDetailTests : AdminUi
{
    private const string Password = "a long enough password";

    private User _ann = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _ann = await Users.CreateUserAsync(new NewUser("ann@example.com", "Ann", Role.Viewer, Password), Seed);
    }

    private IRenderedComponent<Providers> Open(string id) => Render(builder =>
    {
        builder.OpenComponent<UserDetail>(0);
        builder.AddAttribute(1, nameof(UserDetail.Id), id);
        builder.CloseComponent();
    });

    private async Task<User> StoredAsync(string id) => (await Users.FindUserAsync(id))!;

    private static void ChooseRole(IRenderedComponent<Providers> page, Role role) =>
        page.FindAll(".role-choice input[type=radio]")[(int)role].Click();

    [Fact]
    public async Task It_shows_who_the_user_is_with_role_status_and_the_role_chosen()
    {
        await SignInAsync(Role.Admin, "admin@example.com");

        var page = Open(_ann.Id);

        Assert.Equal("Ann (Viewer)", page.Find("h1").TextContent.Trim());
        Assert.Equal("Active", page.Find(".user-status").TextContent.Trim());
        Assert.Contains("ann@example.com · added by seed@example.com", page.Markup);
        Assert.True(page.FindAll(".role-choice input[type=radio]")[0].HasAttribute("checked"));
        Assert.True(page.Button("Change role").HasAttribute("disabled"), "Nothing to change until another role is chosen.");
    }

    [Fact]
    public async Task A_role_change_is_confirmed_then_saved_and_shown()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open(_ann.Id);
        ChooseRole(page, Role.Editor);

        var clicked = page.Button("Change role").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Make ann@example.com an Editor?", page.Find(".mud-dialog").TextContent));
        await page.ConfirmAfterAsync(clicked, "Change role");

        page.WaitForAssertion(() => Assert.Contains("ann@example.com is now an Editor.", page.Snackbars()));
        Assert.Equal(Role.Editor, (await StoredAsync(_ann.Id)).Role);
        Assert.Equal("Ann (Editor)", page.Find("h1").TextContent.Trim());
    }

    [Fact]
    public async Task Cancelling_the_confirmation_changes_nothing()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open(_ann.Id);

        await page.ConfirmAfterAsync(page.Button("Deactivate").ClickAsync(new()), "Cancel");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".confirm-dialog")));
        Assert.True((await StoredAsync(_ann.Id)).IsActive);
        Assert.Empty(page.Snackbars());
    }

    [Fact]
    public async Task Deactivating_and_reactivating_are_confirmed_and_the_page_follows()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open(_ann.Id);

        await page.ConfirmAfterAsync(page.Button("Deactivate").ClickAsync(new()), "Deactivate");

        page.WaitForAssertion(() => Assert.Contains("ann@example.com is deactivated and signed out.", page.Snackbars()));
        Assert.False((await StoredAsync(_ann.Id)).IsActive);
        Assert.Equal("Deactivated", page.Find(".user-status").TextContent.Trim());
        Assert.False((await Users.SignInAsync(_ann.Email, Password)).Succeeded);

        await page.ConfirmAfterAsync(page.Button("Reactivate").ClickAsync(new()), "Reactivate");

        page.WaitForAssertion(() => Assert.Contains("ann@example.com can sign in again.", page.Snackbars()));
        Assert.True((await Users.SignInAsync(_ann.Email, Password)).Succeeded);
    }

    [Fact]
    public async Task A_reset_password_works_at_once_and_the_old_one_stops()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open(_ann.Id);
        page.Find("#new-password").Change("ann's brand new password");

        await page.ConfirmAfterAsync(page.Find("form.user-password").SubmitAsync(), "Reset password");

        page.WaitForAssertion(() => Assert.Contains("The password of ann@example.com is reset. Hand them the new one.", page.Snackbars()));
        Assert.True((await Users.SignInAsync(_ann.Email, "ann's brand new password")).Succeeded);
        Assert.False((await Users.SignInAsync(_ann.Email, Password)).Succeeded);
        Assert.Equal("", page.Find("#new-password").GetAttribute("value"));
    }

    [Fact]
    public async Task A_short_password_is_explained_next_to_the_field_and_nothing_changes()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open(_ann.Id);
        page.Find("#new-password").Change("short");

        await page.ConfirmAfterAsync(page.Find("form.user-password").SubmitAsync(), "Reset password");

        page.WaitForAssertion(() => Assert.Contains("at least 12 characters", page.Find(".user-password .mud-input-error .mud-input-helper-text").TextContent));
        Assert.Equal("short", page.Find("#new-password").GetAttribute("value"));
        Assert.True((await Users.SignInAsync(_ann.Email, Password)).Succeeded);
    }

    [Fact]
    public async Task The_last_active_admin_is_neither_demoted_nor_deactivated_and_the_page_says_why()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var owner = (await Users.ListUsersAsync(Seed)).Single(u => u.Email == "owner@example.com");
        await ChangeStoredUserAsync(owner, active: false);
        var page = Open(admin.Id);
        ChooseRole(page, Role.Editor);

        await page.ConfirmAfterAsync(page.Button("Change role").ClickAsync(new()), "Change role");

        page.WaitForAssertion(() => Assert.Contains("is the last active Admin", page.Find(".role-error").TextContent));
        Assert.Equal(Role.Admin, (await StoredAsync(admin.Id)).Role);
    }

    [Fact]
    public async Task Nobody_deactivates_their_own_account()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open(admin.Id);

        await page.ConfirmAfterAsync(page.Button("Deactivate").ClickAsync(new()), "Deactivate");

        page.WaitForAssertion(() => Assert.Equal("You cannot deactivate your own account; ask another admin.", page.Find(".active-error").TextContent.Trim()));
        Assert.True((await StoredAsync(admin.Id)).IsActive);
    }

    [Fact]
    public async Task A_change_by_someone_else_meanwhile_is_a_conflict_showing_theirs_and_apply_mine_saves_on_top()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open(_ann.Id);
        await ChangeStoredUserAsync(_ann, role: Role.Admin);
        ChooseRole(page, Role.Editor);

        // The click's handler goes on into the conflict dialog.
        var clicked = page.Button("Change role").ClickAsync(new());
        page.Confirm("Change role");

        page.WaitForElement(".conflict-dialog");
        Assert.Contains("seed@example.com changed this", page.Find(".conflict-who").TextContent);
        Assert.Equal("Admin", page.Find(".conflict-theirs").TextContent);
        Assert.Equal("Editor", page.Find(".conflict-yours").TextContent);
        Assert.Equal(Role.Admin, (await StoredAsync(_ann.Id)).Role);

        page.FindAll(".conflict-dialog button").Single(b => b.TextContent.Trim() == "Apply mine on top").Click();
        await clicked;

        page.WaitForAssertion(() => Assert.Contains("ann@example.com is now an Editor.", page.Snackbars()));
        Assert.Equal(Role.Editor, (await StoredAsync(_ann.Id)).Role);
    }

    [Fact]
    public async Task Reload_theirs_shows_the_stored_role_and_saves_nothing()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open(_ann.Id);
        await ChangeStoredUserAsync(_ann, role: Role.Admin);
        ChooseRole(page, Role.Editor);

        var clicked = page.Button("Change role").ClickAsync(new());
        page.Confirm("Change role");
        page.WaitForElement(".conflict-dialog");
        page.FindAll(".conflict-dialog button").Single(b => b.TextContent.Trim() == "Reload theirs").Click();
        await clicked;

        page.WaitForAssertion(() => Assert.Equal("Ann (Admin)", page.Find("h1").TextContent.Trim()));
        Assert.True(page.FindAll(".role-choice input[type=radio]")[2].HasAttribute("checked"));
        Assert.Equal(Role.Admin, (await StoredAsync(_ann.Id)).Role);
    }

    [Fact]
    public async Task With_the_database_down_it_says_so_and_nothing_changes()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open(_ann.Id);
        UserOutage.Down = true;

        await page.ConfirmAfterAsync(page.Button("Deactivate").ClickAsync(new()), "Deactivate");

        page.WaitForAssertion(() => Assert.Contains(Outcomes.StoreDown, page.Snackbars()));
        Assert.Single(page.FindAll(".store-down"));
        UserOutage.Down = false;
        Assert.True((await StoredAsync(_ann.Id)).IsActive);
    }

    [Fact]
    public async Task An_admin_demoted_since_the_page_opened_is_refused_and_nothing_changes()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open(_ann.Id);
        await ChangeStoredUserAsync(admin, role: Role.Editor);

        await page.ConfirmAfterAsync(page.Button("Deactivate").ClickAsync(new()), "Deactivate");

        page.WaitForAssertion(() => Assert.Single(page.Snackbars(), s => s.StartsWith("Not saved: Changing a user needs the Admin role", StringComparison.Ordinal)));
        Assert.True((await StoredAsync(_ann.Id)).IsActive);
    }
}
