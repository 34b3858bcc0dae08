using System.Net;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Api;

public abstract class StateApiTests : IAsyncLifetime
{
    /// <summary>The host's store: memory or a fresh PostgreSQL database.</summary>
    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    private const string Staging = "/api/v1/projects/shop/flags/new-checkout/environments/staging";
    private const string Production = "/api/v1/projects/shop/flags/new-checkout/environments/production";
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(await CreateFactoryAsync());

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_rollout_is_set_in_percent_with_two_decimals_and_stored_in_basis_points()
    {
        var response = await _api.SendAsync(HttpMethod.Patch, Staging, new { rolloutPercent = 12.34m }, ifMatch: await _api.ETagOfAsync(Staging));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(12.34m, (await response.JsonAsync()).GetProperty("rolloutPercent").GetDecimal());
        var stored = (await _api.Flags.GetFlagAsync("shop", "new-checkout")).StateIn("staging")!;
        Assert.Equal(1234, stored.RolloutBasisPoints);
        Assert.Equal($"\"{stored.Version}\"", response.Headers.ETag!.Tag);
    }

    [Theory]
    [InlineData(12.345, "steps of 0.01")]
    [InlineData(100.01, "between 0 and 100")]
    [InlineData(-1, "between 0 and 100")]
    public async Task A_rollout_off_the_grid_is_422_and_changes_nothing(double percent, string message)
    {
        var etag = await _api.ETagOfAsync(Staging);

        var response = await _api.SendAsync(HttpMethod.Patch, Staging, $$"""{"rolloutPercent": {{percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""", ifMatch: etag);

        Assert.Contains(message, (await response.ProblemAsync(422)).ErrorsFor("rolloutPercent")[0]);
        Assert.Equal(etag, await _api.ETagOfAsync(Staging));
    }

    [Fact]
    public async Task A_whole_state_is_replaced_with_rules_and_config()
    {
        var response = await _api.SendAsync(HttpMethod.Put, Staging, new
        {
            enabled = true,
            rolloutPercent = 50,
            onVariant = "on",
            offVariant = "off",
            rules = new object[]
            {
                new { name = "staff", conditions = new[] { new { attribute = "email", @operator = "endsWith", values = new[] { "@example.com" } } }, variant = "on" },
                new { name = "half", split = new[] { new { variant = "on", percent = 25.5m }, new { variant = "off", percent = 74.5m } } },
            },
            config = new { colour = "blue" },
        }, ifMatch: await _api.ETagOfAsync(Staging));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await (await _api.GetAsync(Staging, Role.Viewer)).JsonAsync();
        Assert.True(state.GetProperty("enabled").GetBoolean());
        Assert.Equal("endsWith", state.GetProperty("rules")[0].GetProperty("conditions")[0].GetProperty("operator").GetString());
        Assert.Equal(25.5m, state.GetProperty("rules")[1].GetProperty("split")[0].GetProperty("percent").GetDecimal());
        Assert.Equal("blue", state.GetProperty("config").GetProperty("colour").GetString());
        var stored = (await _api.Flags.GetFlagAsync("shop", "new-checkout")).StateIn("staging")!;
        Assert.Equal(2550, stored.Rules[1].Split[0].Weight);
    }

    [Fact]
    public async Task Config_is_kept_when_left_out_of_a_patch_and_cleared_by_null()
    {
        var set = await _api.SendAsync(HttpMethod.Patch, Staging, new { config = new[] { 1, 2 } }, ifMatch: await _api.ETagOfAsync(Staging));
        var toggled = await _api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, ifMatch: set.Headers.ETag!.Tag);
        var cleared = await _api.SendAsync(HttpMethod.Patch, Staging, """{"config": null}""", ifMatch: toggled.Headers.ETag!.Tag);

        Assert.Equal(2, (await toggled.JsonAsync()).GetProperty("config").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await cleared.JsonAsync()).GetProperty("config").ValueKind);
    }

    [Fact]
    public async Task An_editor_toggles_but_may_not_change_the_rollout()
    {
        var toggled = await _api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, Role.Editor, ifMatch: await _api.ETagOfAsync(Staging));
        var rollout = await _api.SendAsync(HttpMethod.Patch, Staging, new { rolloutPercent = 10 }, Role.Editor, ifMatch: toggled.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.OK, toggled.StatusCode);
        Assert.Contains("Admin", (await rollout.ProblemAsync(403)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_reason_header_is_recorded_and_required_where_the_project_says_so()
    {
        var withoutReason = await _api.SendAsync(HttpMethod.Patch, Production, new { enabled = true }, ifMatch: await _api.ETagOfAsync(Production));
        var withReason = await _api.SendAsync(HttpMethod.Patch, Production, new { enabled = true }, ifMatch: await _api.ETagOfAsync(Production), reason: "Launch — día 1");
        var audit = await (await _api.GetAsync("/api/v1/projects/shop/audit?environment=production&action=flagToggled")).JsonAsync();

        Assert.NotEmpty((await withoutReason.ProblemAsync(422)).ErrorsFor("reason"));
        Assert.Equal(HttpStatusCode.OK, withReason.StatusCode);
        Assert.Equal("Launch — día 1", audit.GetProperty("items")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Writes_to_different_environments_do_not_conflict()
    {
        var staging = await _api.ETagOfAsync(Staging);
        var production = await _api.ETagOfAsync(Production);

        var first = await _api.SendAsync(HttpMethod.Patch, Staging, new { rolloutPercent = 10 }, ifMatch: staging);
        var second = await _api.SendAsync(HttpMethod.Patch, Production, new { rolloutPercent = 20 }, ifMatch: production, reason: "ramp");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Of_concurrent_writers_with_the_same_etag_exactly_one_wins_and_the_rest_get_412()
    {
        var etag = await _api.ETagOfAsync(Staging);

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            _api.SendAsync(HttpMethod.Patch, Staging, new { rolloutPercent = i }, ifMatch: etag)));

        var winners = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Single(winners);
        Assert.All(responses.Except(winners), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        var stored = (await _api.Flags.GetFlagAsync("shop", "new-checkout")).StateIn("staging")!;
        Assert.Equal((await winners[0].JsonAsync()).GetProperty("rolloutPercent").GetDecimal() * 100, stored.RolloutBasisPoints);
        var loser = await responses.First(r => r.StatusCode != HttpStatusCode.OK).JsonAsync();
        Assert.Equal(stored.RolloutBasisPoints / 100m, loser.GetProperty("current").GetProperty("rolloutPercent").GetDecimal());
    }

    [Fact]
    public async Task A_state_of_an_unknown_environment_is_404()
    {
        await (await _api.GetAsync("/api/v1/projects/shop/flags/new-checkout/environments/moon")).ProblemAsync(404);
    }

    [Fact]
    public async Task A_served_variant_that_does_not_exist_is_422()
    {
        var response = await _api.SendAsync(HttpMethod.Patch, Staging, new { onVariant = "maybe" }, ifMatch: await _api.ETagOfAsync(Staging));

        Assert.NotEmpty((await response.ProblemAsync(422)).ErrorsFor("onVariant"));
    }
}

public sealed class StateApiOnMemoryTests : StateApiTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class StateApiOnPostgresTests(PostgresFixture postgres) : StateApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
