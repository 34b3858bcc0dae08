using System.Net;
using FlagAdmin.Core.Audit;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Api;

/// <summary>A write of what is stored already is answered 200 with the resource and its unchanged ETag, and writes no audit entry.</summary>
public abstract class NoOpApiTests : IAsyncLifetime
{
    /// <summary>The host's store: memory or a fresh PostgreSQL database.</summary>
    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    private const string Production = "/api/v1/projects/shop/flags/new-checkout/environments/production";
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(await CreateFactoryAsync());

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<int> AuditCountAsync() =>
        (await _api.Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Limit = AuditQuery.MaxLimit })).Items.Count;

    [Fact]
    public async Task A_put_of_the_same_state_keeps_the_version_and_writes_no_audit_entry_even_where_a_reason_is_required()
    {
        var read = await _api.GetAsync(Production);
        var etag = read.Headers.ETag!.Tag;
        var state = await read.JsonAsync();
        var audit = await AuditCountAsync();

        var response = await _api.SendAsync(HttpMethod.Put, Production, new
        {
            enabled = state.GetProperty("enabled").GetBoolean(),
            rolloutPercent = state.GetProperty("rolloutPercent").GetDecimal(),
            onVariant = state.GetProperty("onVariant").GetString(),
            offVariant = state.GetProperty("offVariant").GetString(),
        }, ifMatch: etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag!.Tag);
        Assert.Equal(state.GetRawText(), (await response.JsonAsync()).GetRawText());
        Assert.Equal(audit, await AuditCountAsync());
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_keeps_the_version_of_a_state_and_of_a_flag()
    {
        var stateEtag = await _api.ETagOfAsync(Production);
        var flagEtag = await _api.ETagOfAsync("/api/v1/projects/shop/flags/new-checkout");
        var audit = await AuditCountAsync();

        var state = await _api.SendAsync(HttpMethod.Patch, Production, new { enabled = false, rolloutPercent = 100 }, ifMatch: stateEtag, reason: "check");
        var flag = await _api.SendAsync(HttpMethod.Patch, "/api/v1/projects/shop/flags/new-checkout", new { name = "New checkout", tags = new[] { "Checkout" } }, ifMatch: flagEtag);

        Assert.Equal((HttpStatusCode.OK, stateEtag), (state.StatusCode, state.Headers.ETag!.Tag));
        Assert.Equal((HttpStatusCode.OK, flagEtag), (flag.StatusCode, flag.Headers.ETag!.Tag));
        Assert.Equal(audit, await AuditCountAsync());
    }

    [Fact]
    public async Task A_put_of_the_same_project_or_environment_settings_keeps_their_versions()
    {
        var projectEtag = await _api.ETagOfAsync("/api/v1/projects/shop");
        var environmentEtag = await _api.ETagOfAsync("/api/v1/projects/shop/environments/production");
        var audit = await AuditCountAsync();

        var project = await _api.SendAsync(HttpMethod.Put, "/api/v1/projects/shop",
            new { name = "Shop", requireReasonInProtectedEnvironments = true }, ifMatch: projectEtag);
        var environment = await _api.SendAsync(HttpMethod.Put, "/api/v1/projects/shop/environments/production",
            new { name = "Production", order = 2, @protected = true }, ifMatch: environmentEtag);

        Assert.Equal((HttpStatusCode.OK, projectEtag), (project.StatusCode, project.Headers.ETag!.Tag));
        Assert.Equal((HttpStatusCode.OK, environmentEtag), (environment.StatusCode, environment.Headers.ETag!.Tag));
        Assert.Equal(audit, await AuditCountAsync());
    }

    [Fact]
    public async Task A_put_of_the_stored_state_with_a_stale_etag_is_still_412()
    {
        var stale = await _api.ETagOfAsync(Production);
        var changed = await _api.SendAsync(HttpMethod.Patch, Production, new { enabled = true }, ifMatch: stale, reason: "launch");
        var current = await changed.JsonAsync();

        var response = await _api.SendAsync(HttpMethod.Put, Production, new
        {
            enabled = true,
            rolloutPercent = current.GetProperty("rolloutPercent").GetDecimal(),
            onVariant = "on",
            offVariant = "off",
        }, ifMatch: stale);

        var problem = await response.ProblemAsync(412);
        Assert.Equal(changed.Headers.ETag!.Tag, response.Headers.ETag!.Tag);
        Assert.True(problem.GetProperty("current").GetProperty("enabled").GetBoolean());
    }
}

public sealed class NoOpApiOnMemoryTests : NoOpApiTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class NoOpApiOnPostgresTests(PostgresFixture postgres) : NoOpApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
