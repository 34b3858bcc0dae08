using System.Net;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Auth;

public sealed class UsersPageTests : IAsyncLifetime
{
    private readonly FlagAdminFactory _factory = AuthHost.WithAdmin();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private Task<Browser> AdminAsync() => new Browser(_factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Only_admins_reach_the_users_pages(Role role)
    {
        var user = await UsersPageScenarios.AddAsync(_factory, "someone@example.com", role);
        var browser = await new Browser(_factory).SignedInAsync(user.Email, "a long enough password");

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/users/{user.Id}")).StatusCode);
        var page = await HtmlPage.ParseAsync(await browser.GetAsync("/users"));
        Assert.Equal("You may not do this", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        var response = await new Browser(_factory).GetAsync("/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fusers", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_admin_adds_a_user_who_can_then_sign_in()
    {
        var browser = await AdminAsync();

        var response = await browser.SubmitAsync("/users", "add-user", new Dictionary<string, string>
        {
            ["Input.Email"] = "New.Person@Example.com",
            ["Input.DisplayName"] = "New Person",
            ["Input.Role"] = "Editor",
            ["Input.Password"] = "new person's password",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await browser.PageAsync(response.Headers.Location!.PathAndQuery);
        Assert.Contains("Added new.person@example.com as Editor", page.QuerySelector("main .alert-success")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("tbody tr"), row => row.TextContent.Contains("new.person@example.com") && row.TextContent.Contains("Editor"));
        var person = await new Browser(_factory).SignedInAsync("new.person@example.com", "new person's password");
        Assert.Equal("Editor", (await person.PageAsync("/account/tokens")).QuerySelector("nav .dropdown-toggle .badge")!.TextContent);
    }

    [Fact]
    public async Task Adding_a_user_with_a_short_password_or_a_taken_email_explains_it_next_to_the_field()
    {
        var browser = await AdminAsync();

        var shortPassword = await HtmlPage.ParseAsync(await browser.SubmitAsync("/users", "add-user", new Dictionary<string, string>
        {
            ["Input.Email"] = "p@example.com", ["Input.Role"] = "Viewer", ["Input.Password"] = "short",
        }));
        var taken = await HtmlPage.ParseAsync(await browser.SubmitAsync("/users", "add-user", new Dictionary<string, string>
        {
            ["Input.Email"] = AuthHost.AdminEmail.ToUpperInvariant(), ["Input.Role"] = "Viewer", ["Input.Password"] = "a long enough password",
        }));

        Assert.Contains("at least 12 characters", shortPassword.QuerySelector("#password ~ .invalid-feedback")!.TextContent);
        Assert.Contains("already has an account", taken.QuerySelector("#email ~ .invalid-feedback")!.TextContent);
        var users = await _factory.Services.GetRequiredService<UserService>().ListUsersAsync(new(AuthHost.AdminEmail));
        Assert.Equal(AuthHost.AdminEmail, Assert.Single(users).Email);
    }

    [Fact]
    public async Task The_last_admin_can_be_neither_demoted_nor_deactivated() =>
        await UsersPageScenarios.TheLastAdminCanBeNeitherDemotedNorDeactivatedAsync(_factory);

    [Fact]
    public async Task An_admin_cannot_deactivate_their_own_account()
    {
        var browser = await AdminAsync();
        await UsersPageScenarios.AddAsync(_factory, "second.admin@example.com", Role.Admin);
        var admin = await UsersPageScenarios.FindAsync(_factory, AuthHost.AdminEmail);

        var response = await browser.SubmitAsync($"/users/{admin.Id}", "user-active", new Dictionary<string, string>());

        Assert.Contains("cannot deactivate your own account", (await HtmlPage.ParseAsync(response)).QuerySelector("main .alert-danger")!.TextContent);
        Assert.True((await UsersPageScenarios.FindAsync(_factory, AuthHost.AdminEmail)).IsActive);
    }

    [Fact]
    public async Task An_admin_changes_a_role_deactivates_reactivates_and_resets_a_password()
    {
        var browser = await AdminAsync();
        var ann = await UsersPageScenarios.AddAsync(_factory, "ann@example.com", Role.Viewer);
        var path = $"/users/{ann.Id}";

        var role = await browser.SubmitAsync(path, "user-role", new Dictionary<string, string> { ["RoleInput.Role"] = "Editor" });
        Assert.Equal(HttpStatusCode.Redirect, role.StatusCode);
        Assert.Contains("is now an Editor", (await browser.PageAsync(role.Headers.Location!.PathAndQuery)).QuerySelector("main .alert-success")!.TextContent);
        Assert.Equal(Role.Editor, (await UsersPageScenarios.FindAsync(_factory, ann.Email)).Role);

        await browser.SubmitAsync(path, "user-active", new Dictionary<string, string>());
        Assert.False((await UsersPageScenarios.FindAsync(_factory, ann.Email)).IsActive);
        Assert.Equal(HttpStatusCode.OK, (await new Browser(_factory).SignInAsync(ann.Email, "a long enough password")).StatusCode);

        await browser.SubmitAsync(path, "user-active", new Dictionary<string, string>());
        var reset = await browser.SubmitAsync(path, "user-password", new Dictionary<string, string> { ["PasswordInput.Password"] = "ann's brand new password" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new Browser(_factory).SignInAsync(ann.Email, "a long enough password")).StatusCode);
        await new Browser(_factory).SignedInAsync(ann.Email, "ann's brand new password");
    }

    [Fact]
    public async Task A_change_made_from_a_stale_page_is_a_conflict_and_changes_nothing()
    {
        var browser = await AdminAsync();
        var ann = await UsersPageScenarios.AddAsync(_factory, "ann@example.com", Role.Viewer);
        var stale = await browser.PageAsync($"/users/{ann.Id}");
        await browser.SubmitAsync($"/users/{ann.Id}", "user-role", new Dictionary<string, string> { ["RoleInput.Role"] = "Editor" });
        var form = stale.QuerySelectorAll("form").First(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == "user-role");
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(input => input.GetAttribute("name")!, input => input.GetAttribute("value")!);
        values["RoleInput.Role"] = "Admin";

        var response = await browser.Client.PostAsync($"/users/{ann.Id}", new FormUrlEncodedContent(values));

        Assert.Contains("since you loaded it", (await HtmlPage.ParseAsync(response)).QuerySelector("main .alert-danger")!.TextContent);
        Assert.Equal(Role.Editor, (await UsersPageScenarios.FindAsync(_factory, ann.Email)).Role);
    }

    [Fact]
    public async Task An_unknown_user_id_is_a_404()
    {
        var browser = await AdminAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/users/usr_missing")).StatusCode);
    }
}
