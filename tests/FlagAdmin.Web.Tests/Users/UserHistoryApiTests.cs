using System.Net;
using System.Text.Json;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Users;

/// <summary>GET /api/v1/users/audit: the account history for Admin tokens, shaped like a project's audit trail.</summary>
public sealed class UserHistoryApiTests : IAsyncLifetime
{
    private const string History = "/api/v1/users/audit";
    private ApiHost _api = null!;
    private AccountHistoryScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiHost.StartAsync();
        _scenario = await AccountHistoryScenario.RunAsync(_api.Factory.Services);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task An_admin_reads_the_role_change_and_the_revoked_token_with_actor_before_after_and_reason()
    {
        var response = await _api.GetAsync(History);
        var text = await response.Content.ReadAsStringAsync();

        await UserHistoryApiAssertions.ShowsTheScenarioAsync(response, _scenario);
        _scenario.AssertNoSecretIn(text);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Viewers_and_editors_may_not_read_the_account_history(Role role)
    {
        var problem = await (await _api.GetAsync(History, role)).ProblemAsync(403);

        Assert.Contains("Admin", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_history_comes_in_keyset_pages_newest_first()
    {
        var first = await (await _api.GetAsync(History + "?limit=2")).JsonAsync();
        var second = await (await _api.GetAsync($"{History}?limit=2&before={first.GetProperty("nextBefore").GetInt64()}")).JsonAsync();
        var third = await (await _api.GetAsync($"{History}?limit=2&before={second.GetProperty("nextBefore").GetInt64()}")).JsonAsync();

        Assert.Equal(["accessTokenRevoked", "userUpdated"], Actions(first));
        Assert.Equal(["userUpdated", "accessTokenCreated"], Actions(second));
        Assert.Equal(["userCreated"], Actions(third));
        Assert.Equal(JsonValueKind.Null, third.GetProperty("nextBefore").ValueKind);
    }

    [Fact]
    public async Task The_history_filters_by_actor_action_and_time()
    {
        var byAda = await (await _api.GetAsync(History + "?actor=ada@example.com")).JsonAsync();
        var updates = await (await _api.GetAsync(History + "?action=userUpdated")).JsonAsync();
        var future = await (await _api.GetAsync(History + "?from=2999-01-01T00:00:00Z")).JsonAsync();

        Assert.Equal(["accessTokenCreated"], Actions(byAda));
        Assert.Equal(["forgot it", "promoted"], updates.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("reason").GetString()));
        Assert.Empty(future.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Filters_of_the_wrong_form_are_400_and_a_reversed_range_422()
    {
        var malformed = await (await _api.GetAsync(History + "?action=exploded&limit=ten")).ProblemAsync(400);
        var reversed = await (await _api.GetAsync(History + "?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z")).ProblemAsync(422);

        Assert.NotEmpty(malformed.ErrorsFor("action"));
        Assert.NotEmpty(malformed.ErrorsFor("limit"));
        Assert.NotEmpty(reversed.ErrorsFor("to"));
    }

    [Fact]
    public async Task The_history_answers_304_until_the_next_account_change()
    {
        var etag = (await _api.GetAsync(History)).Headers.ETag!.ToString();

        var unchanged = await _api.GetIfNoneMatchAsync(History, etag);
        await _api.Factory.Services.GetRequiredService<UserService>().CreateUserAsync(
            new NewUser("bob@example.com", "Bob", Role.Viewer, "a long enough password"), new FlagAdmin.Core.Common.ChangeContext(AccountHistoryScenario.Admin));
        var changed = await _api.GetIfNoneMatchAsync(History, etag);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task The_users_pseudo_project_has_no_audit_trail_of_its_own()
    {
        var response = await _api.GetAsync($"/api/v1/projects/{UserAudit.ProjectKey}/audit");

        await response.ProblemAsync(404);
    }

    private static IEnumerable<string?> Actions(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString());
}

/// <summary>What both stores must answer for <see cref="AccountHistoryScenario"/>.</summary>
public static class UserHistoryApiAssertions
{
    public static async Task ShowsTheScenarioAsync(HttpResponseMessage response, AccountHistoryScenario scenario)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["accessTokenRevoked", "userUpdated", "userUpdated", "accessTokenCreated", "userCreated"], items.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal([AccountHistoryScenario.Admin, AccountHistoryScenario.Admin, AccountHistoryScenario.Admin, scenario.Ada.Email, AccountHistoryScenario.Admin],
            items.Select(e => e.GetProperty("actor").GetString()));

        var revoked = items[0];
        Assert.Equal("leaked", revoked.GetProperty("reason").GetString());
        Assert.Equal(scenario.Token.Token.Id, revoked.GetProperty("after").GetProperty("id").GetString());
        Assert.False(revoked.GetProperty("before").TryGetProperty("revokedAt", out _));
        Assert.Equal(AccountHistoryScenario.Admin, revoked.GetProperty("after").GetProperty("revokedBy").GetString());

        var promoted = items[2];
        Assert.Equal("promoted", promoted.GetProperty("reason").GetString());
        Assert.Equal("viewer", promoted.GetProperty("before").GetProperty("role").GetString());
        Assert.Equal("editor", promoted.GetProperty("after").GetProperty("role").GetString());
        Assert.Equal(scenario.Ada.Email, promoted.GetProperty("after").GetProperty("email").GetString());
    }
}
