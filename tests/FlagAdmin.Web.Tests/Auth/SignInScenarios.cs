using System.Net;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Auth;

/// <summary>Sign-in cases run on both stores; the host's first admin is <see cref="AuthHost.AdminEmail"/>.</summary>
public static class SignInScenarios
{
    public static async Task SigningInReturnsYouToWhereYouWereAsync(FlagAdminFactory factory)
    {
        var browser = new Browser(factory);
        var challenge = await browser.GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var signInPage = challenge.Headers.Location!.PathAndQuery;
        Assert.Equal("/signin?returnUrl=%2Faccount%2Ftokens", signInPage);

        var response = await browser.SignInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword, signInPage);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri(factory.Server.BaseAddress, "/account/tokens"), new Uri(factory.Server.BaseAddress, response.Headers.Location!));
        var page = await browser.PageAsync("/account/tokens");
        Assert.Equal(AuthHost.AdminEmail, page.QuerySelector(".user-menu .user-name")!.TextContent.Trim());
        Assert.Equal("Admin", page.QuerySelector(".user-menu .role-chip")!.TextContent.Trim());
    }

    public static async Task WrongPasswordAndUnknownEmailGetIdenticalAnswersAsync(FlagAdminFactory factory)
    {
        var wrongPassword = await new Browser(factory).SignInAsync(AuthHost.AdminEmail, "not the admin's password");
        var unknownEmail = await new Browser(factory).SignInAsync("nobody@example.com", "not the admin's password");

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.StatusCode, unknownEmail.StatusCode);
        var (first, second) = (await HtmlPage.ParseAsync(wrongPassword), await HtmlPage.ParseAsync(unknownEmail));
        Assert.Equal(SignInResult.RefusedMessage, first.QuerySelector("#main .sign-in-refused")!.TextContent.Trim());
        Assert.Equal(first.QuerySelector("#main .sign-in-refused")!.OuterHtml, second.QuerySelector("#main .sign-in-refused")!.OuterHtml);
        Assert.Equal(WithoutTokens(first.QuerySelector("#main")!.OuterHtml).Replace(AuthHost.AdminEmail, "nobody@example.com"), WithoutTokens(second.QuerySelector("#main")!.OuterHtml));
        Assert.Equal(HeaderNames(wrongPassword), HeaderNames(unknownEmail));
        Assert.DoesNotContain(wrongPassword.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], cookie => cookie.StartsWith("FlagAdmin.Auth=", StringComparison.Ordinal));
    }

    public static async Task RepeatedFailuresLockTheAccountAsync(FlagAdminFactory factory)
    {
        var browser = new Browser(factory);
        for (var attempt = 1; attempt <= SignInLockout.MaxFailures; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.SignInAsync(AuthHost.AdminEmail, $"wrong password number {attempt}")).StatusCode);
        }

        var locked = await browser.SignInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(SignInResult.RefusedMessage, (await HtmlPage.ParseAsync(locked)).QuerySelector("#main .sign-in-refused")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/account/tokens")).StatusCode);
    }

    private static string WithoutTokens(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\" value=\"[^\"]*\"", "");

    private static string HeaderNames(HttpResponseMessage response) =>
        string.Join(",", response.Headers.Select(header => header.Key).Order());
}
