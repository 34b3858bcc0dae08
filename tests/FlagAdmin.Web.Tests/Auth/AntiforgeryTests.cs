using System.Net;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Auth;

/// <summary>Every state-changing form of sign-in, setup, users and tokens refuses a post without its antiforgery token: 400, nothing changed.</summary>
public sealed class AntiforgeryTests : IAsyncLifetime
{
    private readonly FlagAdminFactory _factory = AuthHost.WithAdmin();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private UserService Users => _factory.Services.GetRequiredService<UserService>();

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);

    [Fact]
    public async Task Sign_in_without_the_token_is_refused_and_signs_nobody_in()
    {
        var browser = new Browser(_factory);

        var response = await browser.SubmitAsync("/signin", "signin", Fields(("Input.Email", AuthHost.AdminEmail), ("Input.Password", AuthHost.AdminPassword)), withAntiforgeryToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("FlagAdmin.Auth=", StringComparison.Ordinal)));
        Assert.Null((await UsersPageScenarios.FindAsync(_factory, AuthHost.AdminEmail)).LastSignInAt);
    }

    [Fact]
    public async Task Sign_out_without_the_token_is_refused_and_the_session_stays()
    {
        var browser = await new Browser(_factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

        var response = await browser.SubmitSignOutAsync(withAntiforgeryToken: false);
        var bodiless = await browser.Client.PostAsync("/signout", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bodiless.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/tokens")).StatusCode);
    }

    [Fact]
    public async Task Setup_without_the_token_is_refused_and_creates_nobody()
    {
        await using var empty = AuthHost.Memory();

        var response = await new Browser(empty).SubmitAsync("/setup", "setup",
            Fields(("Input.Email", "first@example.com"), ("Input.Password", "a long enough password"), ("Input.Confirm", "a long enough password")), withAntiforgeryToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await empty.Services.GetRequiredService<UserService>().HasUsersAsync());
    }
}
