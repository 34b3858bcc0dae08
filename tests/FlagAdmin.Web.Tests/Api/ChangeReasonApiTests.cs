using System.Net;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Api;

public abstract class ChangeReasonApiTests : IAsyncLifetime
{
    /// <summary>The host's store: memory or a fresh PostgreSQL database.</summary>
    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    private const string Staging = "/api/v1/projects/shop/flags/new-checkout/environments/staging";
    private const string Production = "/api/v1/projects/shop/flags/new-checkout/environments/production";
    private ApiHost _api = null!;
    private string _frank = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiHost.StartAsync(await CreateFactoryAsync());
        _frank = (await _api.Factory.Services.GetRequiredService<UserService>()
            .CreateUserAsync(new NewUser("frank@example.com", "Frank", Role.Viewer, "a fine long passphrase"), ApiHost.Seed)).Id;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public static TheoryData<string> WritesWithABody =>
    [
        "create flag", "update flag", "replace state", "patch state", "create project", "update project",
        "create environment", "update environment", "create sdk key", "create user", "update user",
    ];

    [Theory]
    [MemberData(nameof(WritesWithABody))]
    public async Task The_reason_in_the_body_lands_in_the_audit_entry(string write)
    {
        var response = await WriteAsync(write, bodyReason: $"because of {write} — día 1");

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal($"because of {write} — día 1", await NewestReasonAsync(write));
    }

    [Theory]
    [MemberData(nameof(WritesWithABody))]
    public async Task The_reason_in_the_header_still_lands_in_the_audit_entry(string write)
    {
        var response = await WriteAsync(write, headerReason: $"header for {write}");

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal($"header for {write}", await NewestReasonAsync(write));
    }

    [Theory]
    [MemberData(nameof(WritesWithABody))]
    public async Task The_same_reason_in_body_and_header_is_taken_once(string write)
    {
        var response = await WriteAsync(write, bodyReason: "  same  ", headerReason: "same");

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("same", await NewestReasonAsync(write));
    }

    [Theory]
    [MemberData(nameof(WritesWithABody))]
    public async Task Different_reasons_in_body_and_header_are_400_naming_both_and_change_nothing(string write)
    {
        var before = await NewestEntryIdAsync(write);

        var response = await WriteAsync(write, bodyReason: "in the body", headerReason: "in the header");

        var problem = await response.ProblemAsync(400);
        Assert.Contains("X-Change-Reason", problem.ErrorsFor("X-Change-Reason")[0]);
        Assert.Contains("'reason'", problem.ErrorsFor("reason")[0]);
        Assert.Equal(before, await NewestEntryIdAsync(write));
    }

    [Theory]
    [MemberData(nameof(WritesWithABody))]
    public async Task A_reason_in_the_body_longer_than_500_characters_is_422_and_changes_nothing(string write)
    {
        var before = await NewestEntryIdAsync(write);

        var response = await WriteAsync(write, bodyReason: new string('x', 501));

        Assert.Contains("500", (await response.ProblemAsync(422)).ErrorsFor("reason")[0]);
        Assert.Equal(before, await NewestEntryIdAsync(write));
    }

    [Fact]
    public async Task A_reason_of_exactly_500_characters_in_the_body_is_taken()
    {
        var reason = new string('y', 500);

        var response = await WriteAsync("patch state", bodyReason: reason);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(reason, await NewestReasonAsync("patch state"));
    }

    [Fact]
    public async Task A_reason_in_the_body_satisfies_a_project_that_requires_one_in_protected_environments()
    {
        var etag = await _api.ETagOfAsync(Production);

        var blank = await _api.SendAsync(HttpMethod.Patch, Production, new { enabled = true, reason = "   " }, Role.Editor, ifMatch: etag);
        var given = await _api.SendAsync(HttpMethod.Patch, Production, new { enabled = true, reason = "launch" }, Role.Editor, ifMatch: etag);

        Assert.NotEmpty((await blank.ProblemAsync(422)).ErrorsFor("reason"));
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        var newest = (await (await _api.GetAsync("/api/v1/projects/shop/audit?environment=production&limit=1")).JsonAsync()).GetProperty("items")[0];
        Assert.Equal("flagToggled", newest.GetProperty("action").GetString());
        Assert.Equal("launch", newest.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Body_less_writes_take_the_reason_from_the_header()
    {
        var archived = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/flags/new-checkout/archive", null,
            ifMatch: await _api.ETagOfAsync("/api/v1/projects/shop/flags/new-checkout"), reason: "retired");
        var key = await (await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/sdk-keys", new { environment = "staging", name = "web" })).JsonAsync();
        var revoked = await _api.SendAsync(HttpMethod.Post, $"/api/v1/projects/shop/sdk-keys/{key.GetProperty("key").GetProperty("id").GetString()}/revoke", null, reason: "leaked");

        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var audit = (await (await _api.GetAsync("/api/v1/projects/shop/audit?limit=5")).JsonAsync()).GetProperty("items").EnumerateArray()
            .ToDictionary(e => e.GetProperty("action").GetString()!, e => e.GetProperty("reason").GetString());
        Assert.Equal("retired", audit["flagArchived"]);
        Assert.Equal("leaked", audit["sdkKeyRevoked"]);
    }

    [Fact]
    public async Task A_reason_of_the_wrong_type_in_the_body_is_400_naming_it()
    {
        var response = await _api.SendAsync(HttpMethod.Patch, Staging, """{"enabled": true, "reason": 42}""", ifMatch: await _api.ETagOfAsync(Staging));

        Assert.NotEmpty((await response.ProblemAsync(400)).ErrorsFor("reason"));
    }

    private async Task<HttpResponseMessage> WriteAsync(string write, string? bodyReason = null, string? headerReason = null)
    {
        Dictionary<string, object?> Body(params (string Name, object? Value)[] properties)
        {
            var body = properties.ToDictionary(p => p.Name, p => p.Value);
            if (bodyReason is not null)
            {
                body["reason"] = bodyReason;
            }
            return body;
        }

        return write switch
        {
            "create flag" => await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/flags", Body(("key", "dark-mode"), ("name", "Dark mode")), reason: headerReason),
            "update flag" => await _api.SendAsync(HttpMethod.Patch, "/api/v1/projects/shop/flags/new-checkout", Body(("name", "Checkout v2")),
                ifMatch: await _api.ETagOfAsync("/api/v1/projects/shop/flags/new-checkout"), reason: headerReason),
            "replace state" => await _api.SendAsync(HttpMethod.Put, Staging, Body(("enabled", true), ("rolloutPercent", 50), ("onVariant", "on"), ("offVariant", "off")),
                ifMatch: await _api.ETagOfAsync(Staging), reason: headerReason),
            "patch state" => await _api.SendAsync(HttpMethod.Patch, Staging, Body(("rolloutPercent", 25)), ifMatch: await _api.ETagOfAsync(Staging), reason: headerReason),
            "create project" => await _api.SendAsync(HttpMethod.Post, "/api/v1/projects", Body(("key", "billing"), ("name", "Billing")), reason: headerReason),
            "update project" => await _api.SendAsync(HttpMethod.Put, "/api/v1/projects/shop", Body(("name", "The Shop"), ("requireReasonInProtectedEnvironments", true)),
                ifMatch: await _api.ETagOfAsync("/api/v1/projects/shop"), reason: headerReason),
            "create environment" => await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/environments", Body(("key", "qa"), ("name", "QA")), reason: headerReason),
            "update environment" => await _api.SendAsync(HttpMethod.Put, "/api/v1/projects/shop/environments/staging", Body(("name", "Stage"), ("order", 1), ("protected", false)),
                ifMatch: await _api.ETagOfAsync("/api/v1/projects/shop/environments/staging"), reason: headerReason),
            "create sdk key" => await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/sdk-keys", Body(("environment", "staging"), ("name", "web")), reason: headerReason),
            "create user" => await _api.SendAsync(HttpMethod.Post, "/api/v1/users", Body(("email", "eve@example.com"), ("password", "a fine long passphrase")), reason: headerReason),
            "update user" => await UpdateUserAsync(Body(("displayName", "Frank F.")), headerReason),
            _ => throw new ArgumentOutOfRangeException(nameof(write), write, null),
        };
    }

    private async Task<HttpResponseMessage> UpdateUserAsync(Dictionary<string, object?> body, string? headerReason)
    {
        var path = $"/api/v1/users/{_frank}";
        return await _api.SendAsync(HttpMethod.Patch, path, body, ifMatch: await _api.ETagOfAsync(path), reason: headerReason);
    }

    private async Task<string?> NewestReasonAsync(string write) => (await NewestEntryAsync(write))?.Reason;

    private async Task<long?> NewestEntryIdAsync(string write) => (await NewestEntryAsync(write))?.Id;

    // Project writes are read back through the API's audit trail; users belong to no project, so theirs through the service.
    private async Task<(long Id, string? Reason)?> NewestEntryAsync(string write)
    {
        if (write.EndsWith(" user", StringComparison.Ordinal))
        {
            var entries = (await _api.Flags.HistoryAsync(new AuditQuery { ProjectKey = UserAudit.ProjectKey, Limit = 1 })).Items;
            return entries.Count == 0 ? null : (entries[0].Id, entries[0].Reason);
        }
        var project = write == "create project" ? "billing" : "shop";
        var response = await _api.GetAsync($"/api/v1/projects/{project}/audit?limit=1");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        var items = (await response.JsonAsync()).GetProperty("items");
        return items.GetArrayLength() == 0 ? null : (items[0].GetProperty("id").GetInt64(), items[0].GetProperty("reason").GetString());
    }
}

public sealed class ChangeReasonApiOnMemoryTests : ChangeReasonApiTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class ChangeReasonApiOnPostgresTests(PostgresFixture postgres) : ChangeReasonApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
