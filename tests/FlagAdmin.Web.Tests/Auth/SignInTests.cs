using System.Net;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Auth;

/// <summary>The real cookie sign-in, on the memory store; <see cref="SignInOnPostgresTests"/> repeats the key cases on PostgreSQL.</summary>
public sealed class SignInTests : IAsyncLifetime
{
    private readonly FlagAdminFactory _factory = AuthHost.WithAdmin();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Signing_in_returns_you_to_where_you_were() =>
        await SignInScenarios.SigningInReturnsYouToWhereYouWereAsync(_factory);

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_identical_answers() =>
        await SignInScenarios.WrongPasswordAndUnknownEmailGetIdenticalAnswersAsync(_factory);

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_against_the_right_one_too() =>
        await SignInScenarios.RepeatedFailuresLockTheAccountAsync(_factory);

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task A_return_address_on_another_site_leads_home_instead(string returnUrl)
    {
        var response = await new Browser(_factory).SignInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword, "/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri(_factory.Server.BaseAddress, "/"), new Uri(_factory.Server.BaseAddress, response.Headers.Location!));
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_same_site()
    {
        var response = await new Browser(_factory).SignInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), value => value.StartsWith("FlagAdmin.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var browser = await new Browser(_factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

        var response = await browser.SubmitSignOutAsync();

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/account/tokens")).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_user_is_signed_out_on_their_next_request()
    {
        var users = _factory.Services.GetRequiredService<UserService>();
        var admin = (await users.SignInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword)).User!;
        var ann = await users.CreateUserAsync(new NewUser("ann@example.com", "Ann", Role.Editor, "ann's long password"), new(admin.Email));
        var browser = await new Browser(_factory).SignedInAsync("ann@example.com", "ann's long password");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/tokens")).StatusCode);

        await users.UpdateUserAsync(new UserUpdate { Id = ann.Id, ExpectedVersion = ann.Version, IsActive = false }, new(admin.Email));

        var response = await browser.GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_changed_role_applies_on_the_next_request()
    {
        var users = _factory.Services.GetRequiredService<UserService>();
        var admin = (await users.SignInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword)).User!;
        var ann = await users.CreateUserAsync(new NewUser("ann@example.com", "Ann", Role.Viewer, "ann's long password"), new(admin.Email));
        var browser = await new Browser(_factory).SignedInAsync("ann@example.com", "ann's long password");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/users")).StatusCode);

        await users.UpdateUserAsync(new UserUpdate { Id = ann.Id, ExpectedVersion = ann.Version, Role = Role.Admin }, new(admin.Email));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/users")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_the_users_other_sessions()
    {
        var users = _factory.Services.GetRequiredService<UserService>();
        var admin = (await users.SignInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword)).User!;
        var ann = await users.CreateUserAsync(new NewUser("ann@example.com", "Ann", Role.Viewer, "ann's long password"), new(admin.Email));
        var browser = await new Browser(_factory).SignedInAsync("ann@example.com", "ann's long password");

        await users.UpdateUserAsync(new UserUpdate { Id = ann.Id, ExpectedVersion = ann.Version, NewPassword = "ann's new long password" }, new(admin.Email));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/account/tokens")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_works_without_javascript()
    {
        var page = await new Browser(_factory).PageAsync("/signin");

        var form = page.QuerySelector("form[method=post]")!;
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("email", form.QuerySelector("input[name='Input.Email']")!.GetAttribute("type"));
        Assert.Equal("password", form.QuerySelector("input[name='Input.Password']")!.GetAttribute("type"));
        Assert.NotNull(form.QuerySelector("button[type=submit]"));
        Assert.NotNull(page.QuerySelector("label[for=email]"));
    }
}

public sealed class SignInOutsideDevelopmentTests
{
    [Fact]
    public async Task Outside_development_the_sign_in_cookie_travels_over_https_only()
    {
        await using var factory = AuthHost.WithAdmin(null, ("environment", "Production"));

        var response = await new Browser(factory, https: true).SignInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), value => value.StartsWith("FlagAdmin.Auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
