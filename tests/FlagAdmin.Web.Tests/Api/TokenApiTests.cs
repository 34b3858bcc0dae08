using System.Net;
using System.Security.Claims;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Api;

/// <summary>Personal access tokens through the real bearer scheme: who they act as, with which role, and when they stop.</summary>
public abstract class TokenApiTests : IAsyncLifetime
{
    /// <summary>The host's store: memory or a fresh PostgreSQL database.</summary>
    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    private const string Staging = "/api/v1/projects/shop/flags/new-checkout/environments/staging";
    private ApiHost _api = null!;
    private User _admin = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiHost.StartAsync(await CreateFactoryAsync());
        _admin = await Users.CreateUserAsync(new NewUser("ada@example.com", "Ada", Role.Admin, "correct horse battery staple"), ApiHost.Seed);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private UserService Users => _api.Factory.Services.GetRequiredService<UserService>();

    [Fact]
    public async Task A_token_acts_as_its_user_and_the_audit_names_the_user_and_the_token()
    {
        var token = await TokenAsync(_admin, "ci-deploy", Role.Admin);

        var changed = await _api.SendAsync(HttpMethod.Patch, Staging, new { rolloutPercent = 5 }, role: null, bearer: token.Secret, ifMatch: await _api.ETagOfAsync(Staging));
        var audit = await (await _api.SendAsync(HttpMethod.Get, "/api/v1/projects/shop/audit?action=rolloutChanged", null, role: null, bearer: token.Secret)).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var entry = audit.GetProperty("items")[0];
        Assert.Equal("ada@example.com", entry.GetProperty("actor").GetString());
        Assert.Equal($"token:ci-deploy ({token.Token.Prefix})", entry.GetProperty("via").GetString());
        Assert.StartsWith("fa_pat_", token.Token.Prefix);
    }

    [Fact]
    public async Task A_token_with_a_lower_role_than_its_user_cannot_do_more_than_its_own()
    {
        var viewer = await TokenAsync(_admin, "read-only", Role.Viewer);

        var read = await _api.SendAsync(HttpMethod.Get, "/api/v1/projects", null, role: null, bearer: viewer.Secret);
        var write = await _api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, role: null, bearer: viewer.Secret, ifMatch: await _api.ETagOfAsync(Staging));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("Viewer", (await write.ProblemAsync(403)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_token_never_acts_above_its_users_current_role()
    {
        var bob = await Users.CreateUserAsync(new NewUser("bob@example.com", "Bob", Role.Admin, "another long passphrase"), AdminChange);
        var token = await TokenAsync(bob, "bob-admin", Role.Admin);
        await Users.UpdateUserAsync(new UserUpdate { Id = bob.Id, ExpectedVersion = bob.Version, Role = Role.Editor }, AdminChange);

        var toggle = await _api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, role: null, bearer: token.Secret, ifMatch: await _api.ETagOfAsync(Staging));
        var rollout = await _api.SendAsync(HttpMethod.Patch, Staging, new { rolloutPercent = 1 }, role: null, bearer: token.Secret, ifMatch: toggle.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.OK, toggle.StatusCode);
        Assert.Contains("Editor", (await rollout.ProblemAsync(403)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once()
    {
        var token = await TokenAsync(_admin, "short-lived", Role.Admin);
        var before = await _api.SendAsync(HttpMethod.Get, "/api/v1/projects", null, role: null, bearer: token.Secret);

        await Users.RevokeTokenAsync(_admin.Id, token.Token.Id, AdminChange);
        var after = await _api.SendAsync(HttpMethod.Get, "/api/v1/projects", null, role: null, bearer: token.Secret);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await after.ProblemAsync(401);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var secret = "fa_pat_expired" + Guid.NewGuid().ToString("N");
        await _api.Factory.Services.GetRequiredService<IUserRepository>().CreateTokenAsync(new AccessToken
        {
            Id = "pat_expired",
            UserId = _admin.Id,
            Name = "expired",
            Role = Role.Admin,
            Prefix = AccessTokenSecrets.VisiblePrefix(secret),
            SecretHash = AccessTokenSecrets.Hash(secret),
            CreatedAt = DateTimeOffset.UtcNow.AddDays(-2),
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(-1),
        }, AdminChange);

        var response = await _api.SendAsync(HttpMethod.Get, "/api/v1/projects", null, role: null, bearer: secret);

        await response.ProblemAsync(401);
    }

    [Fact]
    public async Task A_deactivated_users_tokens_stop_working()
    {
        var carol = await Users.CreateUserAsync(new NewUser("carol@example.com", "Carol", Role.Editor, "yet another passphrase"), AdminChange);
        var token = await TokenAsync(carol, "carol", Role.Editor);
        await Users.UpdateUserAsync(new UserUpdate { Id = carol.Id, ExpectedVersion = carol.Version, IsActive = false }, AdminChange);

        var response = await _api.SendAsync(HttpMethod.Get, "/api/v1/projects", null, role: null, bearer: token.Secret);

        await response.ProblemAsync(401);
    }

    [Fact]
    public async Task A_personal_token_is_refused_by_the_evaluation_api()
    {
        var token = await TokenAsync(_admin, "not-an-sdk-key", Role.Admin);

        var response = await _api.SendAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags/new-checkout", """{"context":{"targetingKey":"u1"}}""", role: null, bearer: token.Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_browsers_sign_in_cookie_does_not_authorize_the_api()
    {
        var options = _api.Factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        var principal = CookieSignIn.CreatePrincipal(_admin);
        var cookie = $"{AuthComposition.CookieName}={options.TicketDataFormat.Protect(new AuthenticationTicket(principal, CookieAuthenticationDefaults.AuthenticationScheme))}";

        var page = await WithCookie(HttpMethod.Get, "/projects/shop/flags", cookie);
        var api = await WithCookie(HttpMethod.Get, "/api/v1/projects", cookie);
        var write = await WithCookie(HttpMethod.Post, "/api/v1/projects", cookie, """{"key":"forged","name":"Forged"}""");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await api.ProblemAsync(401);
        await write.ProblemAsync(401);
        await (await _api.GetAsync("/api/v1/projects/forged")).ProblemAsync(404);
    }

    [Fact]
    public async Task Admins_manage_users_through_the_api_and_others_may_not()
    {
        var adminToken = await TokenAsync(_admin, "admin", Role.Admin);
        var editorToken = await TokenAsync(_admin, "editor", Role.Editor);

        var created = await _api.SendAsync(HttpMethod.Post, "/api/v1/users", new { email = "Dan@Example.com", password = "a fine long passphrase", role = "editor" }, role: null, bearer: adminToken.Secret);
        var id = (await created.JsonAsync()).GetProperty("id").GetString();
        var promoted = await _api.SendAsync(HttpMethod.Patch, $"/api/v1/users/{id}", new { role = "admin" }, role: null, bearer: adminToken.Secret, ifMatch: created.Headers.ETag!.Tag);
        var stale = await _api.SendAsync(HttpMethod.Patch, $"/api/v1/users/{id}", new { displayName = "Daniel" }, role: null, bearer: adminToken.Secret, ifMatch: created.Headers.ETag!.Tag);
        var list = await _api.SendAsync(HttpMethod.Get, "/api/v1/users", null, role: null, bearer: adminToken.Secret);
        var one = await _api.SendAsync(HttpMethod.Get, $"/api/v1/users/{id}", null, role: null, bearer: adminToken.Secret);
        var asEditor = await _api.SendAsync(HttpMethod.Get, "/api/v1/users", null, role: null, bearer: editorToken.Secret);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("admin", (await promoted.JsonAsync()).GetProperty("role").GetString());
        await stale.ProblemAsync(412);
        var listText = await list.Content.ReadAsStringAsync();
        Assert.Contains("dan@example.com", listText);
        Assert.DoesNotContain("password", listText, StringComparison.OrdinalIgnoreCase);
        await asEditor.ProblemAsync(403);
        Assert.Equal(promoted.Headers.ETag!.Tag, one.Headers.ETag!.Tag);
        Assert.Equal("dan@example.com", (await one.JsonAsync()).GetProperty("email").GetString());
    }

    private ChangeContext AdminChange => new(_admin.Email, Role: Role.Admin);

    private Task<CreatedAccessToken> TokenAsync(User user, string name, Role role) =>
        Users.CreateTokenAsync(user.Id, new NewAccessToken(name, role, null), new ChangeContext(user.Email, Role: user.Role));

    private async Task<HttpResponseMessage> WithCookie(HttpMethod method, string path, string cookie, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        return await _api.Client.SendAsync(request);
    }
}

public sealed class TokenApiOnMemoryTests : TokenApiTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class TokenApiOnPostgresTests(PostgresFixture postgres) : TokenApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
