using System.Net;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Auth;

/// <summary>
/// What the users pages answer over HTTP (status codes of the prerendered page). What they do is tested with bunit
/// (UserListTests, UserDetailTests) and in the browser (UsersInTheBrowserTests).
/// </summary>
public sealed class UsersPageTests : IAsyncLifetime
{
    private readonly FlagAdminFactory _factory = AuthHost.WithAdmin();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

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
    public async Task The_prerendered_list_links_each_user_to_their_page()
    {
        var ann = await UsersPageScenarios.AddAsync(_factory, "ann@example.com", Role.Editor);
        var browser = await new Browser(_factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

        var page = await browser.PageAsync("/users");

        Assert.Equal($"/users/{ann.Id}", page.QuerySelectorAll("a.user-link").Single(a => a.TextContent == "ann@example.com").GetAttribute("href"));
    }

    [Fact]
    public async Task An_unknown_user_id_is_a_404()
    {
        var browser = await new Browser(_factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/users/usr_missing")).StatusCode);
    }
}
