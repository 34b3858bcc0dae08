using System.Net;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Api;

/// <summary>Every way a request can be wrong gets a problem a person can act on, never a 500, and changes nothing.</summary>
public abstract class RequestErrorTests : IAsyncLifetime
{
    /// <summary>The host's store: memory or a fresh PostgreSQL database.</summary>
    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    private const string Flags = "/api/v1/projects/shop/flags";
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(await CreateFactoryAsync());

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var response = await _api.SendAsync(HttpMethod.Post, Flags, "key=x&name=y", contentType: "application/x-www-form-urlencoded");

        Assert.Contains("application/json", (await response.ProblemAsync(415)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_400_with_its_position()
    {
        var response = await _api.SendAsync(HttpMethod.Post, Flags, """{"key": "x", "name": }""");

        var problem = await response.ProblemAsync(400);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
        Assert.Contains("line 1", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_property_is_400_naming_it()
    {
        var response = await _api.SendAsync(HttpMethod.Post, Flags, """{"key": "x", "name": "X", "enabeld": true}""");

        Assert.Contains("not known", (await response.ProblemAsync(400)).ErrorsFor("enabeld")[0]);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_400_naming_the_property()
    {
        var response = await _api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/environments", """{"key": "qa", "name": "QA", "order": "first"}""");

        Assert.Contains("wrong type", (await response.ProblemAsync(400)).ErrorsFor("order")[0]);
    }

    [Fact]
    public async Task An_unknown_enum_value_is_400()
    {
        var response = await _api.SendAsync(HttpMethod.Post, Flags, """{"key": "x", "name": "X", "kind": "ternary"}""");

        Assert.NotEmpty((await response.ProblemAsync(400)).ErrorsFor("kind"));
    }

    [Fact]
    public async Task A_missing_required_property_is_400_naming_it()
    {
        var response = await _api.SendAsync(HttpMethod.Post, Flags, """{"key": "x"}""");

        var problem = await response.ProblemAsync(400);
        Assert.Contains("name", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_null_where_a_value_is_needed_is_400()
    {
        var response = await _api.SendAsync(HttpMethod.Post, Flags, """{"key": "x", "name": null}""");

        await response.ProblemAsync(400);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    public async Task A_body_that_is_not_an_object_is_400(string body)
    {
        var response = await _api.SendAsync(HttpMethod.Post, Flags, body);

        await response.ProblemAsync(400);
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_creates_nothing()
    {
        var response = await _api.SendAsync(HttpMethod.Post, Flags, new { key = "big", name = "Big", description = new string('x', 300_000) });

        await response.ProblemAsync(413);
        await (await _api.GetAsync(Flags + "/big")).ProblemAsync(404);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_with_a_bearer_challenge()
    {
        var response = await _api.SendAsync(HttpMethod.Get, "/api/v1/projects", null, role: null);

        var problem = await response.ProblemAsync(401);
        Assert.Contains("Bearer", problem.GetProperty("detail").GetString());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task An_unknown_token_is_401()
    {
        var response = await _api.SendAsync(HttpMethod.Get, "/api/v1/projects", null, role: null, bearer: "fa_pat_" + new string('x', 43));

        await response.ProblemAsync(401);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task An_sdk_key_is_refused_by_the_admin_api()
    {
        var key = await _api.Factory.Services.GetRequiredSdkKeys().CreateAsync(new("shop", "staging", "web"), ApiHost.Seed);

        var response = await _api.SendAsync(HttpMethod.Get, "/api/v1/projects", null, role: null, bearer: key.Secret);

        Assert.Contains("SDK key", (await response.ProblemAsync(401)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_route_under_the_api_is_404_not_a_page()
    {
        var response = await _api.GetAsync("/api/v1/nothing-here", Role.Admin);

        await response.ProblemAsync(404);
    }

    [Fact]
    public async Task A_method_a_resource_does_not_take_is_405()
    {
        var response = await _api.SendAsync(HttpMethod.Delete, "/api/v1/projects", null);

        await response.ProblemAsync(405);
    }

    [Fact]
    public async Task Too_many_requests_are_429_with_retry_after()
    {
        await using var limited = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Store:Provider"] = "Memory", ["Api:RateLimit:PermitsPerMinute"] = "2" }, seed: false);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await limited.GetAsync("/api/v1/projects", Role.Viewer));
        }

        Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
        Assert.Equal(HttpStatusCode.OK, responses[1].StatusCode);
        await responses[2].ProblemAsync(429);
        Assert.True(responses[2].Headers.RetryAfter!.Delta!.Value.TotalSeconds >= 1);
    }
}

public sealed class RequestErrorOnMemoryTests : RequestErrorTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class RequestErrorOnPostgresTests(PostgresFixture postgres) : RequestErrorTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
