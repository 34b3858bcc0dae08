using System.Net;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Auth;

public sealed class ChangePasswordPageTests : IAsyncLifetime
{
    private readonly FlagAdminFactory _factory = AuthHost.WithAdmin();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Dictionary<string, string> Fields(string current, string next, string confirm) => new()
    {
        ["Input.Current"] = current,
        ["Input.New"] = next,
        ["Input.Confirm"] = confirm,
    };

    [Fact]
    public async Task A_viewer_changes_their_password_keeps_this_session_and_ends_the_others()
    {
        await UsersPageScenarios.AddAsync(_factory, "viewer@example.com", Role.Viewer, "the initial password");
        var here = await new Browser(_factory).SignedInAsync("viewer@example.com", "the initial password");
        var elsewhere = await new Browser(_factory).SignedInAsync("viewer@example.com", "the initial password");

        var response = await here.SubmitAsync("/account/password", "own-password", Fields("the initial password", "a password of my own", "a password of my own"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Contains("Your password is changed", page.QuerySelector(".password-changed")!.TextContent);
        Assert.DoesNotContain("a password of my own", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/account/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/account/tokens")).StatusCode);
        await new Browser(_factory).SignedInAsync("viewer@example.com", "a password of my own");
    }

    [Fact]
    public async Task A_wrong_current_password_is_explained_and_changes_nothing()
    {
        var browser = await new Browser(_factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

        var response = await browser.SubmitAsync("/account/password", "own-password", Fields("not my password", "a brand new password", "a brand new password"));

        Assert.Contains("current password is not right", (await HtmlPage.ParseAsync(response)).QuerySelector(".field-currentPassword .mud-input-helper-text")!.TextContent);
        await new Browser(_factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);
    }

    [Fact]
    public async Task Two_different_new_passwords_are_explained_next_to_the_second_and_change_nothing()
    {
        var browser = await new Browser(_factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

        var response = await browser.SubmitAsync("/account/password", "own-password", Fields(AuthHost.AdminPassword, "a brand new password", "another new password"));

        var page = await HtmlPage.ParseAsync(response);
        Assert.Contains("type the same password twice", page.QuerySelector(".field-confirm .mud-input-helper-text")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("link[href*=bootstrap], script[src*=htmx]"));
        await new Browser(_factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);
    }

    [Fact]
    public async Task Without_the_antiforgery_token_the_change_is_refused()
    {
        var browser = await new Browser(_factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

        var response = await browser.SubmitAsync("/account/password", "own-password", Fields(AuthHost.AdminPassword, "an attacker's password", "an attacker's password"), withAntiforgeryToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await new Browser(_factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);
    }
}
