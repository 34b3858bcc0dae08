using System.Net;

namespace FlagAdmin.Web.Tests.Auth;

/// <summary>
/// What the access tokens page answers over HTTP. What it does is tested with bunit (AccessTokensTests) and in the
/// browser (AccessTokensInTheBrowserTests).
/// </summary>
public sealed class AccessTokensPageTests : IAsyncLifetime
{
    private readonly FlagAdminFactory _factory = AuthHost.WithAdmin();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        var response = await new Browser(_factory).GetAsync("/account/tokens");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Faccount%2Ftokens", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_prerendered_page_says_there_is_no_token_yet()
    {
        var browser = await new Browser(_factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

        var page = await browser.PageAsync("/account/tokens");

        Assert.Contains("You have no access tokens yet", page.QuerySelector(".tokens-empty")!.TextContent);
    }
}
