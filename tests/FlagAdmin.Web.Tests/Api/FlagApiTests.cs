using System.Net;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Api;

public abstract class FlagApiTests : IAsyncLifetime
{
    /// <summary>The host's store: memory or a fresh PostgreSQL database.</summary>
    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(await CreateFactoryAsync());

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_multivariate_flag_is_created_with_json_variant_values_and_read_back()
    {
        var created = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/flags", new
        {
            key = "banner",
            name = "Banner",
            kind = "multivariate",
            variantType = "object",
            variants = new object[] { new { key = "big", value = new { size = 3 } }, new { key = "small", value = new { size = 1 }, description = "default" } },
            tags = new[] { "ui" },
            owner = "web-team",
        });
        var read = await _api.GetAsync("/api/v1/projects/shop/flags/banner", Role.Viewer);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(created.Headers.ETag!.Tag, read.Headers.ETag!.Tag);
        var flag = await read.JsonAsync();
        Assert.Equal("multivariate", flag.GetProperty("kind").GetString());
        Assert.Equal("object", flag.GetProperty("variantType").GetString());
        Assert.Equal(3, flag.GetProperty("variants")[0].GetProperty("value").GetProperty("size").GetInt32());
        Assert.Equal("default", flag.GetProperty("variants")[1].GetProperty("description").GetString());
        Assert.Equal("web-team", flag.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task A_boolean_flag_gets_on_and_off_and_a_state_in_every_environment()
    {
        await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/flags", new { key = "dark-mode", name = "Dark mode" });

        var flag = await (await _api.GetAsync("/api/v1/projects/shop/flags/dark-mode")).JsonAsync();
        var states = await (await _api.GetAsync("/api/v1/projects/shop/flags/dark-mode/environments")).JsonAsync();

        Assert.Equal(["on", "off"], flag.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("key").GetString()));
        Assert.True(flag.GetProperty("variants")[0].GetProperty("value").GetBoolean());
        Assert.Equal(["staging", "production"], states.EnumerateArray().Select(s => s.GetProperty("environment").GetString()));
        Assert.All(states.EnumerateArray(), s => Assert.Equal(100m, s.GetProperty("rolloutPercent").GetDecimal()));
    }

    [Fact]
    public async Task The_list_filters_and_pages_like_the_ui()
    {
        foreach (var key in new[] { "a-one", "b-two", "c-three" })
        {
            await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/flags", new { key, name = key.ToUpperInvariant(), tags = new[] { "batch" } });
        }
        var etag = await _api.ETagOfAsync("/api/v1/projects/shop/flags/b-two/environments/staging");
        await _api.SendAsync(HttpMethod.Patch, "/api/v1/projects/shop/flags/b-two/environments/staging", new { enabled = true }, ifMatch: etag);

        var page = await (await _api.GetAsync("/api/v1/projects/shop/flags?tag=batch&limit=2&sort=name&descending=true", Role.Viewer)).JsonAsync();
        var next = await (await _api.GetAsync("/api/v1/projects/shop/flags?tag=batch&limit=2&offset=2&sort=name&descending=true", Role.Viewer)).JsonAsync();
        var on = await (await _api.GetAsync("/api/v1/projects/shop/flags?environment=staging&enabled=true", Role.Viewer)).JsonAsync();
        var search = await (await _api.GetAsync("/api/v1/projects/shop/flags?search=THREE", Role.Viewer)).JsonAsync();

        Assert.Equal(["c-three", "b-two"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("flag").GetProperty("key").GetString()));
        Assert.Equal(3, page.GetProperty("totalCount").GetInt32());
        Assert.True(page.GetProperty("hasMore").GetBoolean());
        Assert.Equal(["a-one"], next.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("flag").GetProperty("key").GetString()));
        Assert.Equal(["b-two"], on.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("flag").GetProperty("key").GetString()));
        Assert.Equal(["c-three"], search.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("flag").GetProperty("key").GetString()));
    }

    [Fact]
    public async Task A_malformed_query_value_is_400_naming_the_parameter_and_an_out_of_range_one_422()
    {
        var malformed = await (await _api.GetAsync("/api/v1/projects/shop/flags?limit=ten&sort=colour&archived=maybe")).ProblemAsync(400);
        var outOfRange = await (await _api.GetAsync("/api/v1/projects/shop/flags?limit=9999")).ProblemAsync(422);

        Assert.Contains("'ten'", malformed.ErrorsFor("limit")[0]);
        Assert.Contains("updatedAt", malformed.ErrorsFor("sort")[0]);
        Assert.Contains("true or false", malformed.ErrorsFor("archived")[0]);
        Assert.Contains("500", outOfRange.ErrorsFor("limit")[0]);
    }

    [Fact]
    public async Task Metadata_is_patched_and_properties_left_out_stay()
    {
        var etag = await _api.ETagOfAsync("/api/v1/projects/shop/flags/new-checkout");

        var response = await _api.SendAsync(HttpMethod.Patch, "/api/v1/projects/shop/flags/new-checkout", new { description = "The one-page checkout", owner = "payments" }, Role.Editor, ifMatch: etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var flag = await response.JsonAsync();
        Assert.Equal("New checkout", flag.GetProperty("name").GetString());
        Assert.Equal(["checkout"], flag.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("payments", flag.GetProperty("owner").GetString());
        Assert.Equal("The one-page checkout", flag.GetProperty("description").GetString());
        Assert.NotEqual(etag, response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task A_flag_is_archived_restored_and_deleted_each_with_if_match()
    {
        var path = "/api/v1/projects/shop/flags/new-checkout";
        var archived = await _api.SendAsync(HttpMethod.Post, path + "/archive", null, ifMatch: await _api.ETagOfAsync(path));
        var archivedList = await (await _api.GetAsync("/api/v1/projects/shop/flags?archived=true")).JsonAsync();
        var activeList = await (await _api.GetAsync("/api/v1/projects/shop/flags")).JsonAsync();
        var restored = await _api.SendAsync(HttpMethod.Post, path + "/unarchive", null, ifMatch: archived.Headers.ETag!.Tag);
        var deleteWithout = await _api.SendAsync(HttpMethod.Delete, path, null);
        var deleted = await _api.SendAsync(HttpMethod.Delete, path, null, ifMatch: restored.Headers.ETag!.Tag);
        var gone = await _api.GetAsync(path);

        Assert.True((await archived.JsonAsync()).GetProperty("archived").GetBoolean());
        Assert.Equal(1, archivedList.GetProperty("totalCount").GetInt32());
        Assert.Equal(0, activeList.GetProperty("totalCount").GetInt32());
        Assert.False((await restored.JsonAsync()).GetProperty("archived").GetBoolean());
        await deleteWithout.ProblemAsync(428);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.ProblemAsync(404);
    }

    [Fact]
    public async Task Archiving_an_archived_flag_is_422()
    {
        var path = "/api/v1/projects/shop/flags/new-checkout";
        var archived = await _api.SendAsync(HttpMethod.Post, path + "/archive", null, ifMatch: await _api.ETagOfAsync(path));

        var again = await _api.SendAsync(HttpMethod.Post, path + "/archive", null, ifMatch: archived.Headers.ETag!.Tag);

        Assert.Contains("already archived", (await again.ProblemAsync(422)).ErrorsFor("archived")[0]);
    }

    [Fact]
    public async Task A_stale_etag_is_412_with_the_current_flag_and_who_changed_it()
    {
        var path = "/api/v1/projects/shop/flags/new-checkout";
        var etag = await _api.ETagOfAsync(path);
        await _api.SendAsync(HttpMethod.Patch, path, new { name = "Theirs" }, Role.Editor, ifMatch: etag);

        var mine = await _api.SendAsync(HttpMethod.Patch, path, new { name = "Mine" }, ifMatch: etag);

        var problem = await mine.ProblemAsync(412);
        Assert.Equal("Theirs", problem.GetProperty("current").GetProperty("name").GetString());
        Assert.Equal("editor@example.com", problem.GetProperty("changedBy").GetString());
        Assert.Equal(await _api.ETagOfAsync(path), mine.Headers.ETag!.Tag);
        Assert.Equal("Theirs", (await (await _api.GetAsync(path)).JsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_duplicate_flag_is_409_and_a_viewer_may_not_create_one()
    {
        var duplicate = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/flags", new { key = "new-checkout", name = "Again" });
        var asViewer = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/flags", new { key = "other", name = "Other" }, Role.Viewer);

        await duplicate.ProblemAsync(409);
        await asViewer.ProblemAsync(403);
    }

    [Theory]
    [InlineData("If-Match: *", "*")]
    [InlineData("weak", "W/\"1\"")]
    [InlineData("two tags", "\"1\", \"2\"")]
    public async Task An_if_match_that_names_no_single_version_is_400(string _, string ifMatch)
    {
        var response = await _api.SendAsync(HttpMethod.Patch, "/api/v1/projects/shop/flags/new-checkout", new { name = "X" }, ifMatch: ifMatch);

        Assert.NotEmpty((await response.ProblemAsync(400)).ErrorsFor("If-Match"));
    }
}

public sealed class FlagApiOnMemoryTests : FlagApiTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class FlagApiOnPostgresTests(PostgresFixture postgres) : FlagApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
