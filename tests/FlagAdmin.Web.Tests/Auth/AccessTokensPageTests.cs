using System.Net;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Auth;

public sealed class AccessTokensPageTests : IAsyncLifetime
{
    private readonly FlagAdminFactory _factory = AuthHost.WithAdmin();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private UserService Users => _factory.Services.GetRequiredService<UserService>();

    private async Task<Browser> EditorAsync()
    {
        await UsersPageScenarios.AddAsync(_factory, "editor@example.com", Role.Editor);
        return await new Browser(_factory).SignedInAsync("editor@example.com", "a long enough password");
    }

    [Fact]
    public async Task A_new_token_is_shown_once_works_for_its_owner_and_is_listed_by_prefix_only()
    {
        var browser = await EditorAsync();

        var response = await browser.SubmitAsync("/account/tokens", "create-token", new Dictionary<string, string>
        {
            ["Create.Name"] = "deploy pipeline",
            ["Create.Role"] = "Editor",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var secret = (await HtmlPage.ParseAsync(response)).QuerySelector("#new-token")!.GetAttribute("value")!;
        var authenticated = await Users.AuthenticateTokenAsync(secret);
        Assert.Equal(("editor@example.com", Role.Editor), (authenticated!.User.Email, authenticated.Role));

        var later = await browser.GetAsync("/account/tokens");
        var html = await later.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, html);
        var row = (await HtmlPage.ParseAsync(later)).QuerySelector("tbody tr")!;
        Assert.Contains("deploy pipeline", row.TextContent);
        Assert.Contains(secret[..12], row.TextContent);
    }

    [Fact]
    public async Task The_role_choices_stop_at_the_users_own_role_and_a_higher_one_is_refused()
    {
        var browser = await EditorAsync();

        var page = await browser.PageAsync("/account/tokens");
        var offered = page.QuerySelectorAll("#token-role option").Select(option => option.GetAttribute("value") ?? "").ToArray();
        var response = await browser.SubmitAsync("/account/tokens", "create-token", new Dictionary<string, string>
        {
            ["Create.Name"] = "too strong",
            ["Create.Role"] = "Admin",
        });

        Assert.Equal(new[] { "Viewer", "Editor" }, offered);
        Assert.Contains("at most your own (Editor)", (await HtmlPage.ParseAsync(response)).QuerySelector(".invalid-feedback")!.TextContent);
        var editor = await UsersPageScenarios.FindAsync(_factory, "editor@example.com");
        Assert.Empty(await Users.ListTokensAsync(editor.Id, new(editor.Email, null, Role.Editor)));
    }

    [Fact]
    public async Task A_token_with_an_expiry_in_the_past_is_refused_next_to_the_field()
    {
        var browser = await EditorAsync();

        var response = await browser.SubmitAsync("/account/tokens", "create-token", new Dictionary<string, string>
        {
            ["Create.Name"] = "expired",
            ["Create.Role"] = "Viewer",
            ["Create.ExpiresOn"] = "2001-01-01",
        });

        Assert.Contains("must be in the future", (await HtmlPage.ParseAsync(response)).QuerySelector("#token-expires ~ .invalid-feedback")!.TextContent);
    }

    [Fact]
    public async Task Revoking_a_token_stops_it_at_once()
    {
        var browser = await EditorAsync();
        var created = await HtmlPage.ParseAsync(await browser.SubmitAsync("/account/tokens", "create-token", new Dictionary<string, string>
        {
            ["Create.Name"] = "short lived",
            ["Create.Role"] = "Viewer",
        }));
        var secret = created.QuerySelector("#new-token")!.GetAttribute("value")!;
        var tokenId = (await browser.PageAsync("/account/tokens")).QuerySelector("button[name='Revoke.TokenId']")!.GetAttribute("value")!;

        var response = await browser.SubmitAsync("/account/tokens", "revoke-token", new Dictionary<string, string> { ["Revoke.TokenId"] = tokenId });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await browser.PageAsync(response.Headers.Location!.PathAndQuery);
        Assert.Contains("Revoked short lived", page.QuerySelector("main .alert-success")!.TextContent);
        Assert.Contains("Revoked", page.QuerySelector("tbody tr")!.TextContent);
        Assert.Null(await Users.AuthenticateTokenAsync(secret));
    }

    [Fact]
    public async Task Someone_elses_token_cannot_be_revoked_from_this_page()
    {
        var admin = await UsersPageScenarios.FindAsync(_factory, AuthHost.AdminEmail);
        var adminToken = await Users.CreateTokenAsync(admin.Id, new NewAccessToken("admin's", Role.Admin, null), new(admin.Email));
        var browser = await EditorAsync();
        await browser.SubmitAsync("/account/tokens", "create-token", new Dictionary<string, string> { ["Create.Name"] = "mine", ["Create.Role"] = "Viewer" });

        var response = await browser.SubmitAsync("/account/tokens", "revoke-token", new Dictionary<string, string> { ["Revoke.TokenId"] = adminToken.Token.Id });

        Assert.Contains("was not found", (await HtmlPage.ParseAsync(response)).QuerySelector("main .alert-danger")!.TextContent);
        Assert.NotNull(await Users.AuthenticateTokenAsync(adminToken.Secret));
    }
}
