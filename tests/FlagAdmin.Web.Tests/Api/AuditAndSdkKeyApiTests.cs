using System.Net;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Api;

public abstract class AuditAndSdkKeyApiTests : IAsyncLifetime
{
    /// <summary>The host's store: memory or a fresh PostgreSQL database.</summary>
    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    private const string Staging = "/api/v1/projects/shop/flags/new-checkout/environments/staging";
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(await CreateFactoryAsync());

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_audit_trail_lists_changes_newest_first_with_filters_and_pages()
    {
        var etag = await _api.ETagOfAsync(Staging);
        for (var percent = 10; percent <= 30; percent += 10)
        {
            etag = (await _api.SendAsync(HttpMethod.Patch, Staging, new { rolloutPercent = percent }, ifMatch: etag, reason: $"to {percent}")).Headers.ETag!.Tag;
        }

        var first = await (await _api.GetAsync("/api/v1/projects/shop/audit?flag=new-checkout&action=rolloutChanged&limit=2", Role.Viewer)).JsonAsync();
        var second = await (await _api.GetAsync($"/api/v1/projects/shop/audit?flag=new-checkout&action=rolloutChanged&limit=2&before={first.GetProperty("nextBefore").GetInt64()}", Role.Viewer)).JsonAsync();

        Assert.Equal(["to 30", "to 20"], first.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("reason").GetString()));
        Assert.Equal(["to 10"], second.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKindNull, second.GetProperty("nextBefore").ValueKind);
        var newest = first.GetProperty("items")[0];
        Assert.Equal("rolloutChanged", newest.GetProperty("action").GetString());
        Assert.Equal("admin@example.com", newest.GetProperty("actor").GetString());
        Assert.Equal(2000, newest.GetProperty("before").GetProperty("rolloutBasisPoints").GetInt32());
        Assert.Equal(3000, newest.GetProperty("after").GetProperty("rolloutBasisPoints").GetInt32());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Audit_filters_of_the_wrong_form_are_400_and_a_reversed_range_422()
    {
        var malformed = await (await _api.GetAsync("/api/v1/projects/shop/audit?action=exploded&from=yesterday&before=-1")).ProblemAsync(400);
        var reversed = await (await _api.GetAsync("/api/v1/projects/shop/audit?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z")).ProblemAsync(422);

        Assert.Contains("flagToggled", malformed.ErrorsFor("action")[0]);
        Assert.NotEmpty(malformed.ErrorsFor("from"));
        Assert.NotEmpty(malformed.ErrorsFor("before"));
        Assert.NotEmpty(reversed.ErrorsFor("to"));
    }

    [Fact]
    public async Task An_sdk_key_secret_is_returned_once_listed_without_it_and_revoked()
    {
        var created = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/sdk-keys", new { environment = "production", name = "web" });
        var body = await created.JsonAsync();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("key").GetProperty("id").GetString()!;
        var evaluated = await Evaluate(secret);
        var listText = await (await _api.GetAsync("/api/v1/projects/shop/sdk-keys", Role.Viewer)).Content.ReadAsStringAsync();
        var revoked = await _api.SendAsync(HttpMethod.Post, $"/api/v1/projects/shop/sdk-keys/{id}/revoke", null);
        var afterRevoke = await Evaluate(secret);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("fa_sdk_", secret);
        Assert.Equal("no-store", created.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.OK, evaluated.StatusCode);
        Assert.Contains(id, listText);
        Assert.DoesNotContain(secret, listText);
        Assert.DoesNotContain(secret[7..], listText);
        Assert.NotNull((await revoked.JsonAsync()).GetProperty("revokedAt").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task Sdk_keys_need_an_admin_and_an_existing_environment()
    {
        var asEditor = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/sdk-keys", new { environment = "production", name = "web" }, Role.Editor);
        var unknown = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/sdk-keys", new { environment = "moon", name = "web" });
        var revokeUnknown = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/sdk-keys/sdk_nope/revoke", null);

        await asEditor.ProblemAsync(403);
        Assert.Contains("moon", (await unknown.ProblemAsync(422)).ErrorsFor("environment")[0]);
        await revokeUnknown.ProblemAsync(404);
    }

    private Task<HttpResponseMessage> Evaluate(string secret) =>
        _api.SendAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags/new-checkout", """{"context":{"targetingKey":"u1"}}""", role: null, bearer: secret);
}

public sealed class AuditAndSdkKeyApiOnMemoryTests : AuditAndSdkKeyApiTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class AuditAndSdkKeyApiOnPostgresTests(PostgresFixture postgres) : AuditAndSdkKeyApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
