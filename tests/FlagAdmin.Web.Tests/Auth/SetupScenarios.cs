using System.Net;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Auth;

public static class SetupScenarios
{
    /// <summary>Disposes <paramref name="factory"/>, a host that starts with no user.</summary>
    public static async Task SetupWorksOnceThenClosesAsync(FlagAdminFactory factory)
    {
        await using var _ = factory;
        var browser = new Browser(factory);
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = "First@Example.com",
            ["Input.DisplayName"] = "First Admin",
            ["Input.Password"] = "the very first password",
            ["Input.Confirm"] = "the very first password",
        };
        // Someone else opens the setup page before the first admin exists, and posts it afterwards.
        var late = new Browser(factory);
        var form = (await late.PageAsync("/setup")).QuerySelector("form[method=post]")!;

        var created = await browser.SubmitAsync("/setup", "setup", fields);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var tokensPage = await browser.PageAsync("/account/tokens");
        Assert.Equal("first@example.com", tokensPage.QuerySelector(".user-menu .user-name")!.TextContent.Trim());
        Assert.Equal("Admin", tokensPage.QuerySelector(".user-menu .role-chip")!.TextContent.Trim());

        var again = new Browser(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync("/setup")).StatusCode);
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(input => input.GetAttribute("name")!, input => input.GetAttribute("value")!);
        foreach (var (name, value) in fields)
        {
            values[name] = value.Replace("first", "second", StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await late.Client.PostAsync("/setup", new FormUrlEncodedContent(values))).StatusCode);
        var users = await factory.Services.GetRequiredService<UserService>().ListUsersAsync(new("first@example.com"));
        Assert.Equal("first@example.com", Assert.Single(users).Email);
    }
}
