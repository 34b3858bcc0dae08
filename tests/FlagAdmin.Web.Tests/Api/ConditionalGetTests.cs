using System.Net;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Api;

public abstract class ConditionalGetTests : IAsyncLifetime
{
    /// <summary>The host's store: memory or a fresh PostgreSQL database.</summary>
    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    private const string Staging = "/api/v1/projects/shop/flags/new-checkout/environments/staging";
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(await CreateFactoryAsync());

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public static TheoryData<string> Lists =>
    [
        "/api/v1/projects",
        "/api/v1/projects/shop/environments",
        "/api/v1/projects/shop/flags",
        "/api/v1/projects/shop/flags/new-checkout/environments",
        "/api/v1/projects/shop/audit",
        "/api/v1/projects/shop/sdk-keys",
        "/api/v1/users",
    ];

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_list_answers_a_weak_etag_then_304_for_it_then_a_new_etag_after_a_change(string list)
    {
        var first = await _api.GetAsync(list, Role.Admin);
        var etag = first.Headers.ETag!;
        var notModified = await _api.GetIfNoneMatchAsync(list, etag.ToString());

        await ChangeWhatIsListedAsync(list);
        var afterChange = await _api.GetIfNoneMatchAsync(list, etag.ToString());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(etag.IsWeak, etag.ToString());
        Assert.StartsWith("\"r-", etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, afterChange.StatusCode);
        Assert.NotEqual(etag, afterChange.Headers.ETag);
        Assert.NotEqual(await first.Content.ReadAsStringAsync(), await afterChange.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_same_answer_gets_the_same_etag_and_the_body_is_the_usual_json()
    {
        var first = await _api.GetAsync("/api/v1/projects/shop/flags", Role.Viewer);
        var second = await _api.GetAsync("/api/v1/projects/shop/flags", Role.Editor);

        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal("application/json", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal("new-checkout", (await first.JsonAsync()).GetProperty("items")[0].GetProperty("flag").GetProperty("key").GetString());
    }

    [Fact]
    public async Task Filters_and_pages_that_answer_differently_have_different_etags()
    {
        await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/flags", new { key = "dark-mode", name = "Dark mode", tags = new[] { "ui" } });
        string[] paths =
        [
            "/api/v1/projects/shop/flags",
            "/api/v1/projects/shop/flags?tag=checkout",
            "/api/v1/projects/shop/flags?tag=ui",
            "/api/v1/projects/shop/flags?limit=1",
            "/api/v1/projects/shop/flags?offset=1",
            "/api/v1/projects/shop/flags?sort=key&descending=true",
            "/api/v1/projects/shop/audit",
            "/api/v1/projects/shop/audit?limit=1",
            "/api/v1/projects/shop/audit?flag=dark-mode",
        ];

        var etags = new List<string>();
        foreach (var path in paths)
        {
            etags.Add((await _api.GetAsync(path)).Headers.ETag!.ToString());
        }

        Assert.Equal(paths.Length, etags.Distinct().Count());
    }

    public static TheoryData<string> Resources =>
    [
        "/api/v1/projects/shop",
        "/api/v1/projects/shop/environments/staging",
        "/api/v1/projects/shop/flags/new-checkout",
        Staging,
    ];

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task A_single_resource_answers_304_to_its_version_etag_weak_or_strong(string path)
    {
        var etag = (await _api.GetAsync(path)).Headers.ETag!;
        var strong = await _api.GetIfNoneMatchAsync(path, etag.ToString());
        var weak = await _api.GetIfNoneMatchAsync(path, "W/" + etag.Tag);
        var other = await _api.GetIfNoneMatchAsync(path, "\"999999\"");

        Assert.False(etag.IsWeak);
        Assert.Equal(HttpStatusCode.NotModified, strong.StatusCode);
        Assert.Equal(etag, strong.Headers.ETag);
        Assert.Empty(await strong.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(etag, other.Headers.ETag);
    }

    [Fact]
    public async Task A_changed_state_answers_200_with_its_new_version_to_the_old_etag()
    {
        var etag = (await _api.GetAsync(Staging)).Headers.ETag!.Tag;
        var changed = await _api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, Role.Editor, ifMatch: etag);

        var read = await _api.GetIfNoneMatchAsync(Staging, etag);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(changed.Headers.ETag, read.Headers.ETag);
        Assert.True((await read.JsonAsync()).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task A_user_answers_304_to_its_version_etag()
    {
        var created = await _api.SendAsync(HttpMethod.Post, "/api/v1/users", new { email = "eve@example.com", password = "a fine long passphrase" });
        var path = created.Headers.Location!.OriginalString;

        var read = await _api.GetIfNoneMatchAsync(path, created.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.NotModified, read.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/projects/shop/flags")]
    [InlineData(Staging)]
    public async Task If_none_match_star_is_304_for_anything_that_exists(string path)
    {
        var response = await _api.GetIfNoneMatchAsync(path, "*");

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task If_none_match_takes_a_list_of_tags_and_matches_any_of_them()
    {
        const string list = "/api/v1/projects/shop/environments";
        var etag = (await _api.GetAsync(list)).Headers.ETag!.ToString();

        var listed = await _api.GetIfNoneMatchAsync(list, $"\"7\", W/\"r-stale\",{etag}");
        var notListed = await _api.GetIfNoneMatchAsync(list, "\"7\", W/\"r-stale\"");

        Assert.Equal(HttpStatusCode.NotModified, listed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, notListed.StatusCode);
    }

    [Fact]
    public async Task An_unknown_resource_is_still_404_under_if_none_match_star()
    {
        var response = await _api.GetIfNoneMatchAsync("/api/v1/projects/shop/flags/nope", "*");

        await response.ProblemAsync(404);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("\"unterminated")]
    [InlineData("W/42")]
    [InlineData("\"42\" \"43\"")]
    public async Task A_malformed_if_none_match_is_400_naming_the_header(string header)
    {
        var list = await _api.GetIfNoneMatchAsync("/api/v1/projects", header);
        var one = await _api.GetIfNoneMatchAsync(Staging, header);

        Assert.Contains("If-None-Match", (await list.ProblemAsync(400)).ErrorsFor("If-None-Match")[0]);
        await one.ProblemAsync(400);
    }

    [Fact]
    public async Task A_list_etag_is_never_accepted_as_if_match()
    {
        var listTag = (await _api.GetAsync("/api/v1/projects/shop/flags/new-checkout/environments")).Headers.ETag!;

        var weak = await _api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, ifMatch: listTag.ToString());
        var stripped = await _api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, ifMatch: listTag.Tag);

        await weak.ProblemAsync(400);
        await stripped.ProblemAsync(400);
        Assert.False((await (await _api.GetAsync(Staging)).JsonAsync()).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task The_openapi_document_lists_if_none_match_and_304_for_gets_and_not_for_writes()
    {
        var paths = (await (await _api.Client.GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");
        var listParameters = paths.GetProperty("/api/v1/projects/{project}/flags").GetProperty("get").GetProperty("parameters").EnumerateArray();
        var createParameters = paths.GetProperty("/api/v1/projects/{project}/flags").GetProperty("post").GetProperty("parameters").EnumerateArray();

        Assert.Contains(listParameters, p => p.GetProperty("name").GetString() == "If-None-Match" && p.GetProperty("in").GetString() == "header");
        Assert.DoesNotContain(createParameters, p => p.GetProperty("name").GetString() == "If-None-Match");

        Assert.True(paths.GetProperty("/api/v1/projects/{project}/flags").GetProperty("get").GetProperty("responses").TryGetProperty("304", out _));
        Assert.True(paths.GetProperty("/api/v1/projects/{project}/audit").GetProperty("get").GetProperty("responses").TryGetProperty("304", out _));
        Assert.False(paths.GetProperty("/api/v1/projects/{project}/flags").GetProperty("post").GetProperty("responses").TryGetProperty("304", out _));
    }

    private async Task ChangeWhatIsListedAsync(string list)
    {
        var response = list switch
        {
            "/api/v1/projects" => await _api.SendAsync(HttpMethod.Post, list, new { key = "billing", name = "Billing" }),
            "/api/v1/projects/shop/environments" => await _api.SendAsync(HttpMethod.Post, list, new { key = "qa", name = "QA" }),
            "/api/v1/projects/shop/flags" => await _api.SendAsync(HttpMethod.Post, list, new { key = "dark-mode", name = "Dark mode" }),
            "/api/v1/projects/shop/sdk-keys" => await _api.SendAsync(HttpMethod.Post, list, new { environment = "staging", name = "web" }),
            "/api/v1/users" => await _api.SendAsync(HttpMethod.Post, list, new { email = "eve@example.com", password = "a fine long passphrase" }),
            _ => await _api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, Role.Editor, ifMatch: await _api.ETagOfAsync(Staging)),
        };
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}

public static class ConditionalRequests
{
    public static async Task<HttpResponseMessage> GetIfNoneMatchAsync(this ApiHost api, string path, string ifNoneMatch, Role role = Role.Admin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(TestSignIn.Header, $"{role.ToString().ToLowerInvariant()}@example.com|{role}");
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await api.Client.SendAsync(request);
    }
}

public sealed class ConditionalGetOnMemoryTests : ConditionalGetTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class ConditionalGetOnPostgresTests(PostgresFixture postgres) : ConditionalGetTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
