using System.Net;
using System.Text.Json;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Api;

/// <summary>Flags by key, HEAD on a flag, the count of a list, and lists of changes for sync clients.</summary>
public abstract class FlagLookupApiTests : IAsyncLifetime
{
    private const string Flags = "/api/v1/projects/shop/flags";

    /// <summary>The host's store: memory or a fresh PostgreSQL database.</summary>
    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(await CreateFactoryAsync());

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task CreateAsync(params string[] keys)
    {
        foreach (var key in keys)
        {
            var created = await _api.SendAsync(HttpMethod.Post, Flags, new { key, name = key, tags = new[] { "batch" } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
    }

    private static string[] Keys(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("flag").GetProperty("key").GetString()!).ToArray();

    private static string Since(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O"));

    [Fact]
    public async Task Keys_answer_the_named_flags_archived_too_in_the_order_asked_once_each_and_name_the_missing()
    {
        await CreateAsync("alpha", "beta");
        var beta = await _api.ETagOfAsync($"{Flags}/beta");
        await _api.SendAsync(HttpMethod.Post, $"{Flags}/beta/archive", null, ifMatch: beta);

        var response = await _api.GetAsync($"{Flags}?keys=beta,no-such-flag,new-checkout&keys=beta", Role.Viewer);

        var page = await response.JsonAsync();
        Assert.Equal(["beta", "new-checkout"], Keys(page));
        Assert.True(page.GetProperty("items")[0].GetProperty("flag").GetProperty("archived").GetBoolean());
        Assert.Equal(["no-such-flag"], page.GetProperty("missing").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(2, page.GetProperty("totalCount").GetInt32());
        Assert.False(page.GetProperty("hasMore").GetBoolean());
        Assert.Equal(["staging", "production"], page.GetProperty("items")[1].GetProperty("environments").EnumerateArray().Select(s => s.GetProperty("environment").GetString()));
        var plain = await (await _api.GetAsync(Flags, Role.Viewer)).JsonAsync();
        Assert.False(plain.TryGetProperty("missing", out _));
        Assert.False(plain.TryGetProperty("syncedTo", out _));
    }

    [Fact]
    public async Task Keys_refuse_malformed_keys_too_many_keys_no_key_and_other_list_parameters()
    {
        var malformed = await (await _api.GetAsync($"{Flags}?keys=new-checkout,Bad%20Key", Role.Viewer)).ProblemAsync(422);
        var tooMany = await (await _api.GetAsync($"{Flags}?keys={string.Join(',', Enumerable.Range(0, 101).Select(i => $"f{i}"))}", Role.Viewer)).ProblemAsync(422);
        var none = await (await _api.GetAsync($"{Flags}?keys=", Role.Viewer)).ProblemAsync(422);
        var mixed = await (await _api.GetAsync($"{Flags}?keys=new-checkout&tag=batch&limit=5", Role.Viewer)).ProblemAsync(400);
        var unknownProject = await _api.GetAsync("/api/v1/projects/nowhere/flags?keys=new-checkout", Role.Viewer);

        Assert.Contains("'Bad Key' may only contain", malformed.ErrorsFor("keys")[0]);
        Assert.Equal(["At most 100 different keys can be looked up at once; you named 101. Split them over several requests."], tooMany.ErrorsFor("keys"));
        Assert.Equal(["Name at least one flag key."], none.ErrorsFor("keys"));
        Assert.Equal(["keys looks flags up by key and takes no other list parameter; leave out tag, limit."], mixed.ErrorsFor("keys"));
        await unknownProject.ProblemAsync(404);
    }

    [Fact]
    public async Task Head_on_a_flag_answers_its_etag_without_a_body_304_when_it_is_known_and_404_when_there_is_none()
    {
        var etag = (await _api.GetAsync($"{Flags}/new-checkout", Role.Viewer)).Headers.ETag!.Tag;

        var exists = await _api.SendAsync(HttpMethod.Head, $"{Flags}/new-checkout", null, Role.Viewer);
        var missing = await _api.SendAsync(HttpMethod.Head, $"{Flags}/no-such-flag", null, Role.Viewer);
        var noProject = await _api.SendAsync(HttpMethod.Head, "/api/v1/projects/nowhere/flags/new-checkout", null, Role.Viewer);
        using var conditional = new HttpRequestMessage(HttpMethod.Head, $"{Flags}/new-checkout");
        conditional.Headers.Add(TestSignIn.Header, "viewer@example.com|Viewer");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var unchanged = await _api.Client.SendAsync(conditional);
        var anonymous = await _api.SendAsync(HttpMethod.Head, $"{Flags}/new-checkout", null, role: null);

        Assert.Equal(HttpStatusCode.OK, exists.StatusCode);
        Assert.Equal(etag, exists.Headers.ETag!.Tag);
        Assert.Empty(await exists.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(etag, unchanged.Headers.ETag!.Tag);
        foreach (var (response, status) in new[] { (missing, HttpStatusCode.NotFound), (noProject, HttpStatusCode.NotFound), (anonymous, HttpStatusCode.Unauthorized) })
        {
            Assert.Equal(status, response.StatusCode);
            Assert.True(0 == (await response.Content.ReadAsByteArrayAsync()).Length, $"{status}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Count_takes_the_lists_filters_and_answers_its_total()
    {
        await CreateAsync("alpha", "beta", "gamma");
        var staging = await _api.ETagOfAsync($"{Flags}/beta/environments/staging");
        await _api.SendAsync(HttpMethod.Patch, $"{Flags}/beta/environments/staging", new { enabled = true }, ifMatch: staging);
        var gamma = await _api.ETagOfAsync($"{Flags}/gamma");
        await _api.SendAsync(HttpMethod.Post, $"{Flags}/gamma/archive", null, ifMatch: gamma);

        foreach (var filters in new[] { "", "tag=batch", "archived=all", "archived=true", "environment=staging&enabled=true", "search=ALP", "tag=batch&limit=1&offset=1&sort=name" })
        {
            var list = await (await _api.GetAsync($"{Flags}?{filters}", Role.Viewer)).JsonAsync();
            var count = await (await _api.GetAsync($"{Flags}/count?{filters}", Role.Viewer)).JsonAsync();
            Assert.Equal(list.GetProperty("totalCount").GetInt32(), count.GetProperty("count").GetInt32());
        }
        Assert.Equal(2, (await (await _api.GetAsync($"{Flags}/count?tag=batch", Role.Viewer)).JsonAsync()).GetProperty("count").GetInt32());
        Assert.Equal(["The count is of the whole list; keys does not apply to it."],
            (await (await _api.GetAsync($"{Flags}/count?keys=alpha", Role.Viewer)).ProblemAsync(400)).ErrorsFor("keys"));
        await (await _api.GetAsync($"{Flags}/count?enabled=true", Role.Viewer)).ProblemAsync(422);
        await (await _api.GetAsync($"{Flags}/count?modifiedSince=yesterday", Role.Viewer)).ProblemAsync(400);
        await (await _api.GetAsync("/api/v1/projects/nowhere/flags/count", Role.Viewer)).ProblemAsync(404);
    }

    [Fact]
    public async Task Count_is_a_reserved_flag_key()
    {
        var problem = await (await _api.SendAsync(HttpMethod.Post, Flags, new { key = "count", name = "Count" })).ProblemAsync(422);

        Assert.Contains("reserved", problem.ErrorsFor("key")[0]);
    }

    [Fact]
    public async Task Modified_since_lists_changes_oldest_first_a_page_after_another_and_says_where_the_next_list_starts()
    {
        var since = DateTimeOffset.UtcNow;
        await CreateAsync("alpha", "beta", "gamma");
        var alpha = await _api.ETagOfAsync($"{Flags}/alpha");
        await _api.SendAsync(HttpMethod.Post, $"{Flags}/alpha/archive", null, ifMatch: alpha);

        var first = await (await _api.GetAsync($"{Flags}?modifiedSince={Since(since)}&limit=2", Role.Viewer)).JsonAsync();
        var second = await (await _api.GetAsync($"{Flags}?modifiedSince={Since(since)}&limit=2&after={first.GetProperty("next").GetString()}", Role.Viewer)).JsonAsync();

        Assert.Equal(["beta", "gamma"], Keys(first));
        Assert.Equal(["alpha"], Keys(second));
        Assert.Equal(3, first.GetProperty("totalCount").GetInt32());
        Assert.Equal(1, second.GetProperty("totalCount").GetInt32());
        Assert.True(first.GetProperty("hasMore").GetBoolean());
        Assert.False(second.TryGetProperty("next", out _));
        Assert.True(second.GetProperty("items")[0].GetProperty("flag").GetProperty("archived").GetBoolean());
        var modified = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("modifiedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(modified.Order(), modified);
        var syncedTo = second.GetProperty("syncedTo").GetDateTimeOffset();
        Assert.True(syncedTo <= first.GetProperty("syncedTo").GetDateTimeOffset());
        Assert.True(syncedTo <= DateTimeOffset.UtcNow.AddSeconds(-5));

        var staging = await _api.ETagOfAsync($"{Flags}/new-checkout/environments/staging");
        await _api.SendAsync(HttpMethod.Patch, $"{Flags}/new-checkout/environments/staging", new { enabled = true }, ifMatch: staging);
        var next = await (await _api.GetAsync($"{Flags}?modifiedSince={Since(syncedTo)}&limit=500", Role.Viewer)).JsonAsync();
        Assert.Equal("new-checkout", Keys(next)[^1]);
    }

    [Fact]
    public async Task A_deleted_flag_leaves_the_list_of_changes_and_is_told_by_the_audit_trail_from_the_same_time()
    {
        var since = DateTimeOffset.UtcNow;
        await CreateAsync("short-lived");
        var etag = await _api.ETagOfAsync($"{Flags}/short-lived");
        await _api.SendAsync(HttpMethod.Delete, $"{Flags}/short-lived", null, ifMatch: etag);

        var changes = await (await _api.GetAsync($"{Flags}?modifiedSince={Since(since)}", Role.Viewer)).JsonAsync();
        var deletions = await (await _api.GetAsync($"/api/v1/projects/shop/audit?action=flagDeleted&from={Since(since)}", Role.Viewer)).JsonAsync();

        Assert.DoesNotContain("short-lived", Keys(changes));
        Assert.Equal(["short-lived"], deletions.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("flag").GetString()));
    }

    [Fact]
    public async Task A_list_of_changes_refuses_sort_descending_offset_and_an_after_it_did_not_give_out()
    {
        var since = Since(DateTimeOffset.UtcNow.AddMinutes(-1));

        var sorted = await (await _api.GetAsync($"{Flags}?modifiedSince={since}&sort=name", Role.Viewer)).ProblemAsync(400);
        var reversed = await (await _api.GetAsync($"{Flags}?modifiedSince={since}&descending=true&offset=1", Role.Viewer)).ProblemAsync(400);
        var forged = await (await _api.GetAsync($"{Flags}?modifiedSince={since}&after=not-a-cursor", Role.Viewer)).ProblemAsync(400);
        var alone = await (await _api.GetAsync($"{Flags}?after=bnVsbA", Role.Viewer)).ProblemAsync(400);
        var byChange = await _api.GetAsync($"{Flags}?modifiedSince={since}&sort=modifiedAt", Role.Viewer);

        Assert.Contains("leave out sort", sorted.ErrorsFor("sort")[0]);
        Assert.Contains("leave out descending", reversed.ErrorsFor("descending")[0]);
        Assert.Contains("leave out offset", reversed.ErrorsFor("offset")[0]);
        Assert.Contains("send the previous page's next unchanged", forged.ErrorsFor("after")[0]);
        Assert.Contains("same modifiedSince", alone.ErrorsFor("after")[0]);
        Assert.Equal(HttpStatusCode.OK, byChange.StatusCode);
    }
}

public sealed class FlagLookupApiOnMemoryTests : FlagLookupApiTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class FlagLookupApiOnPostgresTests(PostgresFixture postgres) : FlagLookupApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
