using System.Net;
using System.Text.Json;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Web.Tests.Evaluation;

public sealed class OfrepEvaluationTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_single_flag_evaluates_with_value_variant_reason_and_metadata()
    {
        await using var host = await OfrepHost.StartAsync();

        var response = await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", """{"context":{"targetingKey":"user-1"}}""", host.Production.Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("new-checkout", body.GetProperty("key").GetString());
        Assert.True(body.GetProperty("value").GetBoolean());
        Assert.Equal("on", body.GetProperty("variant").GetString());
        Assert.Equal("STATIC", body.GetProperty("reason").GetString());
        var flag = await host.Flags.GetFlagAsync("shop", "new-checkout");
        var metadata = body.GetProperty("metadata");
        Assert.Equal(["flagVersion", "stateVersion"], metadata.EnumerateObject().Select(p => p.Name));
        Assert.Equal(flag.Flag.Version, metadata.GetProperty("flagVersion").GetUInt32());
        Assert.Equal(flag.StateIn("production")!.Version, metadata.GetProperty("stateVersion").GetUInt32());
    }

    [Fact]
    public async Task A_key_reads_only_its_own_environment()
    {
        await using var host = await OfrepHost.StartAsync();

        var staging = await JsonAsync(await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", "{}", host.Staging.Secret));
        var production = await JsonAsync(await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", "{}", host.Production.Secret));

        Assert.False(staging.GetProperty("value").GetBoolean());
        Assert.Equal("DISABLED", staging.GetProperty("reason").GetString());
        Assert.True(production.GetProperty("value").GetBoolean());
    }

    [Fact]
    public async Task Missing_unknown_and_revoked_keys_are_unauthorized_and_revocation_is_immediate()
    {
        await using var host = await OfrepHost.StartAsync();
        const string Path = "/ofrep/v1/evaluate/flags/new-checkout";
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(Path, "{}", host.Staging.Secret)).StatusCode);

        await host.Keys.RevokeAsync("shop", host.Staging.Key.Id, host.Staging.Key.Version, OfrepHost.Admin);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostAsync(Path, "{}", host.Staging.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostAsync(Path, "{}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostAsync(Path, "{}", "fa_sdk_made-up")).StatusCode);
        var viaApiKey = await host.PostAsync(Path, "{}", null, r => r.Headers.Add("X-API-Key", host.Production.Secret));
        Assert.Equal(HttpStatusCode.OK, viaApiKey.StatusCode);
    }

    [Fact]
    public async Task An_unknown_flag_is_404_flag_not_found()
    {
        await using var host = await OfrepHost.StartAsync();

        var response = await host.PostAsync("/ofrep/v1/evaluate/flags/nope", "{}", host.Production.Secret);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(("nope", "FLAG_NOT_FOUND"), (body.GetProperty("key").GetString(), body.GetProperty("errorCode").GetString()));
    }

    [Theory]
    [InlineData("""{"context":""", "PARSE_ERROR")]
    [InlineData("""[1,2]""", "PARSE_ERROR")]
    [InlineData("""{"context":{},"extra":1}""", "PARSE_ERROR")]
    [InlineData("""{"context":{"targetingKey":42}}""", "INVALID_CONTEXT")]
    [InlineData("""{"context":"user-1"}""", "INVALID_CONTEXT")]
    public async Task Bad_request_bodies_are_400_with_an_ofrep_error_and_change_nothing(string body, string errorCode)
    {
        await using var host = await OfrepHost.StartAsync();

        var response = await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", body, host.Production.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await JsonAsync(response);
        Assert.Equal(errorCode, error.GetProperty("errorCode").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("errorDetails").GetString()));
        var after = await JsonAsync(await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", "{}", host.Production.Secret));
        Assert.True(after.GetProperty("value").GetBoolean());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_as_a_parse_error()
    {
        await using var host = await OfrepHost.StartAsync();
        var big = "{\"context\":{\"targetingKey\":\"u\",\"padding\":\"" + new string('x', 70_000) + "\"}}";

        var response = await host.PostAsync("/ofrep/v1/evaluate/flags", big, host.Production.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("PARSE_ERROR", (await JsonAsync(response)).GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task A_partial_rollout_without_a_targeting_key_is_targeting_key_missing()
    {
        await using var host = await OfrepHost.StartAsync();
        var state = (await host.Flags.GetFlagAsync("shop", "new-checkout")).StateIn("production")!;
        await host.Flags.SetRolloutAsync("shop", "new-checkout", "production", 1_250, state.Version, OfrepHost.Admin);

        var missing = await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", "{}", host.Production.Secret);
        var given = await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", """{"context":{"targetingKey":"user-7"}}""", host.Production.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("TARGETING_KEY_MISSING", (await JsonAsync(missing)).GetProperty("errorCode").GetString());
        Assert.Equal("SPLIT", (await JsonAsync(given)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Bulk_evaluation_lists_active_flags_with_an_etag_that_covers_flags_and_context()
    {
        await using var host = await OfrepHost.StartAsync();
        await host.Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "old", Name = "Old" }, OfrepHost.Admin);
        var old = await host.Flags.GetFlagAsync("shop", "old");
        await host.Flags.SetArchivedAsync("shop", "old", true, old.Flag.Version, OfrepHost.Admin);
        const string Alice = """{"context":{"targetingKey":"alice"}}""";
        const string Bob = """{"context":{"targetingKey":"bob"}}""";

        var first = await host.PostAsync("/ofrep/v1/evaluate/flags", Alice, host.Production.Secret);
        var etag = first.Headers.ETag!.Tag;
        var again = await host.PostAsync("/ofrep/v1/evaluate/flags", Alice, host.Production.Secret, r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));
        var otherUser = await host.PostAsync("/ofrep/v1/evaluate/flags", Bob, host.Production.Secret, r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));
        var state = (await host.Flags.GetFlagAsync("shop", "banner-colour")).StateIn("production")!;
        await host.Flags.SetEnabledAsync("shop", "banner-colour", "production", true, state.Version, OfrepHost.Admin);
        var afterChange = await host.PostAsync("/ofrep/v1/evaluate/flags", Alice, host.Production.Secret, r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var flags = (await JsonAsync(first)).GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("key").GetString()!).ToArray();
        Assert.Equal(["banner-colour", "new-checkout"], flags);
        Assert.Equal("sse", (await JsonAsync(first)).GetProperty("eventStreams")[0].GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
        Assert.NotEqual(etag, otherUser.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, afterChange.StatusCode);
        var banner = (await JsonAsync(afterChange)).GetProperty("flags").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "banner-colour");
        Assert.Equal("blue", banner.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Too_many_requests_get_429_with_a_retry_after_date_time()
    {
        await using var host = await OfrepHost.StartAsync(new FlagAdminFactory(new Dictionary<string, string?> { ["Store:Provider"] = "Memory", ["Evaluation:RateLimit:PermitsPerSecond"] = "2" }));

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", "{}", host.Production.Secret));
        }

        var limited = statuses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        var retryAfter = limited.Headers.GetValues("Retry-After").Single();
        Assert.True(DateTimeOffset.TryParse(retryAfter, out var at) && at > DateTimeOffset.UtcNow.AddSeconds(-1), retryAfter);
    }

    [Fact]
    public async Task Readiness_is_green_once_flags_are_loaded()
    {
        await using var host = await OfrepHost.StartAsync();

        var readiness = await JsonAsync(await host.Client.GetAsync("/readyz"));

        Assert.Equal("Healthy", readiness.GetProperty("status").GetString());
        Assert.Equal("Healthy", (await JsonAsync(await host.Client.GetAsync("/readyz/admin"))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/healthz")).StatusCode);
    }
}
