using System.Net;
using System.Text.Json;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Testing.Postgres;
using FlagAdmin.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Hosting;

/// <summary>
/// The host on PostgreSQL while PostgreSQL is really stopped (its container stopped, then started on the same port):
/// applications keep getting flags, readiness says what is wrong, a change is refused with 503 and nothing stored,
/// and once the database is back the same change goes through without restarting the host.
/// </summary>
[Collection(PostgresOutageCollection.Name)]
public sealed class PostgresOutageTests(StoppablePostgres postgres)
{
    private const string Staging = "/api/v1/projects/shop/flags/new-checkout/environments/staging";

    [Fact]
    public async Task While_postgres_is_stopped_flags_are_served_and_changes_refused_and_afterwards_the_change_goes_through()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var api = await ApiHost.StartAsync(FlagAdminFactory.PostgresSettings(database));
        var key = await api.Factory.Services.GetRequiredService<SdkKeyService>().CreateAsync(new NewSdkKey("shop", "staging", "web"), ApiHost.Seed);
        var etag = await api.ETagOfAsync(Staging);
        // An application that has been evaluating all along.
        Assert.Equal(HttpStatusCode.OK, (await EvaluateAsync(api, key.Secret)).StatusCode);

        await postgres.StopAsync();
        HttpResponseMessage served, ready, adminReady, alive, refused;
        try
        {
            served = await EvaluateAsync(api, key.Secret);
            ready = await api.Client.GetAsync("/readyz");
            adminReady = await api.Client.GetAsync("/readyz/admin");
            alive = await api.Client.GetAsync("/healthz");
            refused = await api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, ifMatch: etag);
        }
        finally
        {
            await postgres.StartAsync();
        }

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.False(JsonDocument.Parse(await served.Content.ReadAsStringAsync()).RootElement.GetProperty("value").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", (await ready.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, adminReady.StatusCode);
        var adminReadiness = await adminReady.JsonAsync();
        Assert.Equal("Unhealthy", adminReadiness.GetProperty("status").GetString());
        Assert.Contains("unreachable", adminReadiness.GetProperty("checks").GetProperty("store").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var problem = await refused.ProblemAsync(503);
        Assert.Contains("not saved", problem.GetProperty("detail").GetString());

        var changed = await api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await EvaluateAsync(api, key.Secret);
        Assert.True(JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("value").GetBoolean());
        foreach (var readiness in new[] { "/readyz", "/readyz/admin" })
        {
            var answer = await api.Client.GetAsync(readiness);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("Healthy", (await answer.JsonAsync()).GetProperty("status").GetString());
        }
    }

    private static Task<HttpResponseMessage> EvaluateAsync(ApiHost api, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/ofrep/v1/evaluate/flags/new-checkout")
        {
            Content = new StringContent("""{"context":{"targetingKey":"user-1"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", secret);
        return api.Client.SendAsync(request);
    }
}
