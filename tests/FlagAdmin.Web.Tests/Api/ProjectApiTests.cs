using System.Net;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Api;

public abstract class ProjectApiTests : IAsyncLifetime
{
    /// <summary>The host's store: memory or a fresh PostgreSQL database.</summary>
    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(await CreateFactoryAsync());

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task An_admin_creates_a_project_and_reads_it_back_with_its_version_as_etag()
    {
        var created = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects", new { key = "billing", name = "Billing" }, reason: "new team");
        var read = await _api.GetAsync("/api/v1/projects/billing", Role.Viewer);
        var list = await (await _api.GetAsync("/api/v1/projects", Role.Viewer)).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/projects/billing", created.Headers.Location!.OriginalString);
        var body = await read.JsonAsync();
        Assert.Equal("Billing", body.GetProperty("name").GetString());
        Assert.Equal("admin@example.com", body.GetProperty("createdBy").GetString());
        Assert.Equal($"\"{body.GetProperty("version").GetUInt32()}\"", read.Headers.ETag!.Tag);
        Assert.Equal(["billing", "shop"], list.EnumerateArray().Select(p => p.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task A_project_is_created_with_the_environments_the_request_lists_and_with_none_when_it_lists_none()
    {
        var withEnvironments = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects", new
        {
            key = "billing",
            name = "Billing",
            environments = new object[] { new { key = "development", name = "Development" }, new { key = "production", name = "Production", @protected = true } },
        });
        var without = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects", new { key = "legacy", name = "Created as before" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (withEnvironments.StatusCode, without.StatusCode));
        var environments = (await (await _api.GetAsync("/api/v1/projects/billing/environments")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal([("development", 1, false), ("production", 2, true)],
            environments.Select(e => (e.GetProperty("key").GetString(), e.GetProperty("order").GetInt32(), e.GetProperty("protected").GetBoolean())));
        Assert.Empty((await (await _api.GetAsync("/api/v1/projects/legacy/environments")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A_project_with_a_bad_environment_is_422_naming_it_and_a_null_one_400_and_neither_is_created()
    {
        var bad = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects", new { key = "billing", name = "Billing", environments = new[] { new { key = "Prod!", name = "Production" } } });
        var withNull = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects", """{"key": "billing", "name": "Billing", "environments": [null]}""");

        Assert.NotEmpty((await bad.ProblemAsync(422)).ErrorsFor("environments[0].key"));
        Assert.NotEmpty((await withNull.ProblemAsync(400)).ErrorsFor("environments[0]"));
        Assert.Equal(["shop"], (await (await _api.GetAsync("/api/v1/projects")).JsonAsync()).EnumerateArray().Select(p => p.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task A_project_key_taken_already_is_409()
    {
        var response = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects", new { key = "shop", name = "Shop again" });

        var problem = await response.ProblemAsync(409);
        Assert.Contains("'shop' already exists", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_invalid_project_is_422_with_a_message_per_field_and_nothing_is_created()
    {
        var response = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects", new { key = "Not A Slug!", name = " " });

        var problem = await response.ProblemAsync(422);
        Assert.NotEmpty(problem.ErrorsFor("key"));
        Assert.Contains("required", problem.ErrorsFor("name")[0]);
        Assert.Single((await (await _api.GetAsync("/api/v1/projects")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task An_editor_may_not_create_a_project()
    {
        var response = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects", new { key = "billing", name = "Billing" }, Role.Editor);

        var problem = await response.ProblemAsync(403);
        Assert.Contains("Admin", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Updating_a_project_needs_its_current_etag()
    {
        var etag = await _api.ETagOfAsync("/api/v1/projects/shop");

        var missing = await _api.SendAsync(HttpMethod.Put, "/api/v1/projects/shop", new { name = "Shop", requireReasonInProtectedEnvironments = false });
        var updated = await _api.SendAsync(HttpMethod.Put, "/api/v1/projects/shop", new { name = "The Shop", requireReasonInProtectedEnvironments = false }, ifMatch: etag);
        var stale = await _api.SendAsync(HttpMethod.Put, "/api/v1/projects/shop", new { name = "Old Shop", requireReasonInProtectedEnvironments = true }, ifMatch: etag);

        await missing.ProblemAsync(428);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(etag, updated.Headers.ETag!.Tag);
        var conflict = await stale.ProblemAsync(412);
        Assert.Equal("The Shop", conflict.GetProperty("current").GetProperty("name").GetString());
        Assert.Equal(updated.Headers.ETag!.Tag, stale.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Environments_are_listed_in_order_created_and_updated()
    {
        var created = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/environments", new { key = "qa", name = "QA", order = 0 });
        var etag = created.Headers.ETag!.Tag;
        var updated = await _api.SendAsync(HttpMethod.Put, "/api/v1/projects/shop/environments/qa", new { name = "Quality", order = 3, @protected = true }, ifMatch: etag);
        var list = await (await _api.GetAsync("/api/v1/projects/shop/environments", Role.Viewer)).JsonAsync();
        var one = await (await _api.GetAsync("/api/v1/projects/shop/environments/qa", Role.Viewer)).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(["staging", "production", "qa"], list.EnumerateArray().Select(e => e.GetProperty("key").GetString()));
        Assert.True(one.GetProperty("protected").GetBoolean());
        Assert.Equal("Quality", one.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_unknown_project_is_404()
    {
        var problem = await (await _api.GetAsync("/api/v1/projects/nope/environments")).ProblemAsync(404);

        Assert.Contains("'nope'", problem.GetProperty("detail").GetString());
    }
}

public sealed class ProjectApiOnMemoryTests : ProjectApiTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class ProjectApiOnPostgresTests(PostgresFixture postgres) : ProjectApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
