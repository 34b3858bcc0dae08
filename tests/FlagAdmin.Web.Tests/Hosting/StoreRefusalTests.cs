using System.Net;
using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Storage.Postgres;
using FlagAdmin.Testing.Postgres;
using FlagAdmin.Web.Observability;
using FlagAdmin.Web.Tests.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Hosting;

/// <summary>
/// A store that answers but refuses (any <see cref="StoreException"/> other than an outage) meets the same mapping as an
/// outage at the entry points that run before or beside the API's: readiness, the snapshot loader and the SDK key check.
/// The refusals on PostgreSQL are real: a table moved out of the schema's way makes the database answer 42P01.
/// </summary>
public sealed class StoreRefusalTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task The_store_lifetime_is_the_store_itself_measured_like_its_repositories()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var factory = FlagAdminFactory.Postgres(database);

        var lifetime = factory.Services.GetRequiredService<IStoreLifetime>();

        Assert.IsType<ObservedStore>(lifetime, exactMatch: false);
        Assert.IsType<PostgresStoreLifetime>(ObservedStore.InnerOf(lifetime));
        await lifetime.PingAsync();
    }

    [Fact]
    public async Task A_ping_the_store_refuses_keeps_evaluations_in_rotation_and_takes_the_admin_side_out()
    {
        await using var factory = new FlagAdminFactory(new Dictionary<string, string?> { ["Store:Provider"] = "Memory" },
            services => services.AddSingleton<IStoreLifetime>(new RefusingStore()));
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/readyz");
        var admin = await client.GetAsync("/readyz/admin");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var store = (await JsonAsync(ready)).GetProperty("checks").GetProperty("store");
        Assert.Equal("Degraded", store.GetProperty("status").GetString());
        Assert.Contains("error XX000", store.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, admin.StatusCode);
        Assert.Equal("Unhealthy", (await JsonAsync(admin)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_sdk_key_the_database_refuses_to_look_up_gets_the_refusal_problem_and_works_once_it_answers()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var host = await OfrepHost.StartAsync(FlagAdminFactory.Postgres(database));
        await PostgresFixture.ExecuteAsync(database, "ALTER TABLE sdk_keys RENAME TO sdk_keys_moved");

        var refused = await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", "{}", host.Production.Secret);

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(refused);
        Assert.Equal("The database refused the request.", problem.GetProperty("title").GetString());
        Assert.Contains("42P01", problem.GetProperty("detail").GetString());

        await PostgresFixture.ExecuteAsync(database, "ALTER TABLE sdk_keys_moved RENAME TO sdk_keys");
        var answered = await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", "{}", host.Production.Secret);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task Flags_the_database_refuses_to_load_are_retried_while_readiness_waits_and_load_once_it_answers()
    {
        var database = await postgres.CreateDatabaseAsync();
        await PostgresFixture.ExecuteAsync(database, "ALTER TABLE projects RENAME TO projects_moved");
        await using var factory = FlagAdminFactory.Postgres(database);
        var client = factory.CreateClient();

        var loading = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, loading.StatusCode);
        Assert.Equal("Unhealthy", (await JsonAsync(loading)).GetProperty("checks").GetProperty("snapshots").GetProperty("status").GetString());
        await PostgresFixture.ExecuteAsync(database, "ALTER TABLE projects_moved RENAME TO projects");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpResponseMessage ready;
        while ((ready = await client.GetAsync("/readyz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "Flags were still not loaded 60 s after the database answered again.");
            await Task.Delay(200);
        }
        Assert.Equal("Healthy", (await JsonAsync(ready)).GetProperty("status").GetString());
    }

    /// <summary>A store that answers every ping with a refusal of its own (an internal error), as a broken database would.</summary>
    private sealed class RefusingStore : IStoreLifetime
    {
        public Task PingAsync(CancellationToken cancellationToken = default) =>
            Task.FromException(new StoreFailedException("XX000", new InvalidOperationException("refused by the test")));

        public ValueTask CloseAsync() => ValueTask.CompletedTask;
    }
}
