using System.Net;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Api;

/// <summary>A representative set of the admin API on the PostgreSQL store: the same answers, versions from xmin.</summary>
public sealed class ApiOnPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Staging = "/api/v1/projects/shop/flags/new-checkout/environments/staging";

    [Fact]
    public async Task Flags_are_created_changed_with_if_match_and_audited_on_postgres()
    {
        await using var api = await ApiHost.StartAsync(FlagAdminFactory.PostgresSettings(await postgres.CreateDatabaseAsync()));

        var created = await api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/flags", new { key = "dark-mode", name = "Dark mode", tags = new[] { "ui" } });
        var duplicate = await api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/flags", new { key = "dark-mode", name = "Again" });
        var etag = await api.ETagOfAsync(Staging);
        var changed = await api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true, rolloutPercent = 33.33m }, ifMatch: etag, reason: "ramp up");
        var stale = await api.SendAsync(HttpMethod.Patch, Staging, new { rolloutPercent = 1 }, ifMatch: etag);
        var list = await (await api.GetAsync("/api/v1/projects/shop/flags?tag=ui", Role.Viewer)).JsonAsync();
        var audit = await (await api.GetAsync("/api/v1/projects/shop/audit?flag=new-checkout", Role.Viewer)).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await duplicate.ProblemAsync(409);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
        var conflict = await stale.ProblemAsync(412);
        Assert.Equal(33.33m, conflict.GetProperty("current").GetProperty("rolloutPercent").GetDecimal());
        Assert.Equal(changed.Headers.ETag!.Tag, stale.Headers.ETag!.Tag);
        Assert.Equal(["dark-mode"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("flag").GetProperty("key").GetString()));
        var newest = audit.GetProperty("items")[0];
        Assert.Equal("flagStateChanged", newest.GetProperty("action").GetString());
        Assert.Equal("ramp up", newest.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Lists_and_states_answer_304_until_a_change_on_postgres()
    {
        await using var api = await ApiHost.StartAsync(FlagAdminFactory.PostgresSettings(await postgres.CreateDatabaseAsync()));
        const string list = "/api/v1/projects/shop/flags?environment=staging&enabled=false";
        var listTag = (await api.GetAsync(list, Role.Viewer)).Headers.ETag!.ToString();
        var stateTag = (await api.GetAsync(Staging, Role.Viewer)).Headers.ETag!.ToString();

        var listUnchanged = await api.GetIfNoneMatchAsync(list, listTag, Role.Viewer);
        var stateUnchanged = await api.GetIfNoneMatchAsync(Staging, stateTag, Role.Viewer);
        var auditTag = (await api.GetAsync("/api/v1/projects/shop/audit")).Headers.ETag!.ToString();
        var toggled = await api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, Role.Editor, ifMatch: stateTag);
        var listChanged = await api.GetIfNoneMatchAsync(list, listTag, Role.Viewer);
        var stateChanged = await api.GetIfNoneMatchAsync(Staging, stateTag, Role.Viewer);
        var auditChanged = await api.GetIfNoneMatchAsync("/api/v1/projects/shop/audit", auditTag);

        Assert.Equal(HttpStatusCode.NotModified, listUnchanged.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, stateUnchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, toggled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listChanged.StatusCode);
        Assert.NotEqual(listTag, listChanged.Headers.ETag!.ToString());
        Assert.Empty((await listChanged.JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, stateChanged.StatusCode);
        Assert.Equal(toggled.Headers.ETag, stateChanged.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, auditChanged.StatusCode);
        Assert.NotEqual(auditTag, auditChanged.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task A_reason_in_the_body_is_audited_on_postgres_and_two_different_reasons_change_nothing()
    {
        await using var api = await ApiHost.StartAsync(FlagAdminFactory.PostgresSettings(await postgres.CreateDatabaseAsync()));
        const string production = "/api/v1/projects/shop/flags/new-checkout/environments/production";
        var etag = await api.ETagOfAsync(production);

        var twice = await api.SendAsync(HttpMethod.Patch, production, new { enabled = true, reason = "launch" }, Role.Editor, ifMatch: etag, reason: "rollback");
        var once = await api.SendAsync(HttpMethod.Patch, production, new { enabled = true, reason = "launch día 1" }, Role.Editor, ifMatch: etag);
        var audit = await (await api.GetAsync("/api/v1/projects/shop/audit?flag=new-checkout&environment=production")).JsonAsync();

        await twice.ProblemAsync(400);
        Assert.Equal(HttpStatusCode.OK, once.StatusCode);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("flagToggled", entry.GetProperty("action").GetString());
        Assert.Equal("launch día 1", entry.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Of_concurrent_writers_on_postgres_exactly_one_wins()
    {
        await using var api = await ApiHost.StartAsync(FlagAdminFactory.PostgresSettings(await postgres.CreateDatabaseAsync()));
        var etag = await api.ETagOfAsync(Staging);

        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => api.SendAsync(HttpMethod.Patch, Staging, new { rolloutPercent = i }, ifMatch: etag)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
    }

    [Fact]
    public async Task An_export_from_memory_imported_into_postgres_reproduces_the_project_exactly()
    {
        await using var source = await ApiHost.StartAsync();
        await TransferApiTests.SeedRichProjectAsync(source);
        await using var target = await ApiHost.StartAsync(FlagAdminFactory.PostgresSettings(await postgres.CreateDatabaseAsync()), seed: false);
        var export = await (await source.GetAsync("/api/v1/projects/shop/export")).Content.ReadAsStringAsync();

        var applied = await target.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import", export);
        var again = await (await target.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import?dryRun=true", export)).JsonAsync();
        var reExport = await (await target.GetAsync("/api/v1/projects/shop/export")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(TransferApiTests.WithoutExportTime(export), TransferApiTests.WithoutExportTime(reExport));
        Assert.Equal(0, again.GetProperty("writes").GetInt32());
    }

    [Fact]
    public async Task Tokens_kept_in_postgres_authenticate_name_themselves_in_the_audit_and_stop_when_revoked()
    {
        await using var api = await ApiHost.StartAsync(FlagAdminFactory.PostgresSettings(await postgres.CreateDatabaseAsync()));
        var users = api.Factory.Services.GetRequiredService<UserService>();
        var ada = await users.CreateUserAsync(new NewUser("ada@example.com", "Ada", Role.Admin, "correct horse battery staple"), ApiHost.Seed);
        var token = await users.CreateTokenAsync(ada.Id, new NewAccessToken("ci", Role.Editor, null), new ChangeContext(ada.Email, Role: Role.Admin));

        var toggled = await api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, role: null, bearer: token.Secret, ifMatch: await api.ETagOfAsync(Staging));
        var rollout = await api.SendAsync(HttpMethod.Patch, Staging, new { rolloutPercent = 1 }, role: null, bearer: token.Secret, ifMatch: toggled.Headers.ETag!.Tag);
        var audit = await (await api.GetAsync("/api/v1/projects/shop/audit?action=flagToggled")).JsonAsync();
        await users.RevokeTokenAsync(ada.Id, token.Token.Id, new ChangeContext(ada.Email, Role: Role.Admin));
        var revoked = await api.SendAsync(HttpMethod.Get, "/api/v1/projects", null, role: null, bearer: token.Secret);

        Assert.Equal(HttpStatusCode.OK, toggled.StatusCode);
        await rollout.ProblemAsync(403);
        Assert.Equal($"token:ci ({token.Token.Prefix})", audit.GetProperty("items")[0].GetProperty("via").GetString());
        await revoked.ProblemAsync(401);
    }
}
