using System.Net;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Api;

public sealed class EnvironmentOrderApiTests : IAsyncLifetime
{
    private const string Order = "/api/v1/projects/shop/environment-order";
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    /// <summary>The environments as listed now, each as {key, version}, in the order of <paramref name="keys"/>.</summary>
    private async Task<object[]> SeenAsync(params string[] keys)
    {
        var listed = (await (await _api.GetAsync("/api/v1/projects/shop/environments")).JsonAsync()).EnumerateArray()
            .ToDictionary(e => e.GetProperty("key").GetString()!, e => e.GetProperty("version").GetUInt32());
        return [.. keys.Select(k => new { key = k, version = listed.GetValueOrDefault(k) })];
    }

    private async Task<string[]> KeysAsync() =>
        [.. (await (await _api.GetAsync("/api/v1/projects/shop/environments")).JsonAsync()).EnumerateArray().Select(e => e.GetProperty("key").GetString()!)];

    [Fact]
    public async Task An_admin_puts_the_environments_in_a_new_order_with_one_audit_entry_per_moved_environment()
    {
        var response = await _api.SendAsync(HttpMethod.Put, Order, new { environments = await SeenAsync("production", "staging"), reason = "prod first" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["production", "staging"], (await response.JsonAsync()).EnumerateArray().Select(e => e.GetProperty("key").GetString()));
        Assert.Equal(["production", "staging"], await KeysAsync());
        var entries = (await _api.Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Action = AuditAction.EnvironmentUpdated })).Items;
        Assert.Equal(["production", "staging"], entries.Select(e => e.EnvironmentKey).Order());
        Assert.All(entries, e => Assert.Equal("prod first", e.Reason));
    }

    [Fact]
    public async Task An_order_read_before_someone_changed_an_environment_is_412_with_all_environments_as_they_are_and_moves_nothing()
    {
        var seen = await SeenAsync("production", "staging");
        var staging = "/api/v1/projects/shop/environments/staging";
        await _api.SendAsync(HttpMethod.Put, staging, new { name = "Stage", order = 1, @protected = false }, ifMatch: await _api.ETagOfAsync(staging));

        var response = await _api.SendAsync(HttpMethod.Put, Order, new { environments = seen });

        var problem = await response.ProblemAsync(412);
        Assert.Equal(["staging", "production"], problem.GetProperty("current").EnumerateArray().Select(e => e.GetProperty("key").GetString()));
        Assert.Equal("Stage", problem.GetProperty("current")[0].GetProperty("name").GetString());
        Assert.Equal(["staging", "production"], await KeysAsync());
    }

    [Fact]
    public async Task An_order_that_leaves_an_environment_out_is_422_naming_it()
    {
        var response = await _api.SendAsync(HttpMethod.Put, Order, new { environments = await SeenAsync("production") });

        Assert.Contains("missing: staging", (await response.ProblemAsync(422)).ErrorsFor("environments")[0]);
        Assert.Equal(["staging", "production"], await KeysAsync());
    }

    [Fact]
    public async Task A_null_in_the_list_is_400_and_an_editor_may_not_reorder()
    {
        var withNull = await _api.SendAsync(HttpMethod.Put, Order, """{"environments": [null]}""");
        var byEditor = await _api.SendAsync(HttpMethod.Put, Order, new { environments = await SeenAsync("production", "staging") }, Role.Editor);

        await withNull.ProblemAsync(400);
        await byEditor.ProblemAsync(403);
        Assert.Equal(["staging", "production"], await KeysAsync());
    }
}
