using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.Users;
using FlagAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>The users list: every user with role and status, search, and adding a user with each outcome of the save.</summary>
public sealed class UserListTests : AdminUi
{
    private const string Password = "a long enough password";

    private IRenderedComponent<Providers> Open() => Render(builder =>
    {
        builder.OpenComponent<UserList>(0);
        builder.CloseComponent();
    });

    private static void Fill(IRenderedComponent<Providers> page, string email, Role role, string password)
    {
        page.Find("#user-email").Change(email);
        page.FindAll(".role-choice input[type=radio]")[(int)role].Click();
        page.Find("#user-password").Change(password);
    }

    private static string[] Rows(IRenderedComponent<Providers> page) =>
        page.FindAll("tr.user-row").Select(r => r.QuerySelector("a.user-link")!.TextContent + " " + r.QuerySelector(".user-role")!.TextContent).ToArray();

    [Fact]
    public async Task It_lists_every_user_by_email_with_role_status_and_a_link_to_their_page()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var ann = await Users.CreateUserAsync(new NewUser("ann@example.com", "Ann", Role.Viewer, Password), Seed);
        await ChangeStoredUserAsync(ann, active: false);

        var page = Open();

        Assert.Equal(["admin@example.com Admin", "ann@example.com Viewer", "owner@example.com Admin"], Rows(page));
        var annRow = page.FindAll("tr.user-row").Single(r => r.TextContent.Contains("ann@example.com"));
        Assert.Equal($"/users/{ann.Id}", annRow.QuerySelector("a.user-link")!.GetAttribute("href"));
        Assert.Equal("Deactivated", annRow.QuerySelector(".user-status")!.TextContent.Trim());
        Assert.Contains("never", annRow.TextContent);
        Assert.Equal("Active", page.FindAll("tr.user-row").Single(r => r.TextContent.Contains(admin.Email)).QuerySelector(".user-status")!.TextContent.Trim());
    }

    [Fact]
    public async Task Search_keeps_the_users_whose_email_or_name_matches()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        await Users.CreateUserAsync(new NewUser("ann@example.com", "Ann Smith", Role.Viewer, Password), Seed);
        var page = Open();

        page.Find("#user-search").Change("smith");

        page.WaitForAssertion(() => Assert.Equal(["ann@example.com Viewer"], Rows(page)));
        page.Find("#user-search").Change("nobody");
        page.WaitForAssertion(() => Assert.Contains("No user's email or name contains “nobody”", page.Find(".users-table").TextContent));
    }

    [Fact]
    public async Task An_added_user_is_listed_announced_and_can_sign_in_and_the_form_is_emptied()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        Fill(page, "New.Person@Example.com", Role.Editor, "new person's password");

        await page.Find("form.user-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains(
            "Added new.person@example.com as Editor. Hand them the initial password; you can reset it on their page.", page.Snackbars()));
        page.WaitForAssertion(() => Assert.Contains("new.person@example.com Editor", Rows(page)));
        Assert.True((await Users.SignInAsync("new.person@example.com", "new person's password")).Succeeded);
        Assert.Equal("", page.Find("#user-email").GetAttribute("value"));
        Assert.Equal("", page.Find("#user-password").GetAttribute("value"));
    }

    [Fact]
    public async Task A_bad_email_and_a_short_password_are_explained_next_to_their_fields_and_nothing_is_stored()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        Fill(page, "no-at-sign", Role.Viewer, "short");

        await page.Find("form.user-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".user-create .mud-input-control.mud-input-error").Count));
        var errors = page.FindAll(".user-create .mud-input-control.mud-input-error").ToDictionary(c => c.QuerySelector("input")!.Id!, c => c.QuerySelector(".mud-input-helper-text")!.TextContent);
        Assert.Contains("email", errors["user-email"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("at least 12 characters", errors["user-password"]);
        Assert.Equal("no-at-sign", page.Find("#user-email").GetAttribute("value"));
        Assert.Equal(2, (await Users.ListUsersAsync(Seed)).Count);
    }

    [Fact]
    public async Task An_email_that_already_has_an_account_is_explained_next_to_the_email()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        Fill(page, "OWNER@example.com", Role.Admin, Password);

        await page.Find("form.user-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal("owner@example.com already has an account.",
            page.Find(".user-create .mud-input-error .mud-input-helper-text").TextContent.Trim()));
        Assert.Equal(Role.Admin, (await Users.ListUsersAsync(Seed)).Single(u => u.Email == "owner@example.com").Role);
    }

    [Fact]
    public async Task With_the_database_down_it_says_so_and_the_form_stays_as_typed()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        Fill(page, "ann@example.com", Role.Editor, Password);
        UserOutage.Down = true;

        await page.Find("form.user-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains(Outcomes.StoreDown, page.Snackbars()));
        Assert.Contains("What you typed is still here", page.Find(".store-down").TextContent);
        Assert.Equal("ann@example.com", page.Find("#user-email").GetAttribute("value"));
        UserOutage.Down = false;
        Assert.DoesNotContain(await Users.ListUsersAsync(Seed), u => u.Email == "ann@example.com");
    }

    [Fact]
    public async Task An_admin_demoted_since_the_page_opened_is_refused_and_nothing_is_stored()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        Fill(page, "ann@example.com", Role.Editor, Password);
        await ChangeStoredUserAsync(admin, role: Role.Editor);

        await page.Find("form.user-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Single(page.Snackbars(), s => s.StartsWith("Not saved: Adding a user needs the Admin role", StringComparison.Ordinal)));
        Assert.DoesNotContain(await Users.ListUsersAsync(Seed), u => u.Email == "ann@example.com");
    }
}
