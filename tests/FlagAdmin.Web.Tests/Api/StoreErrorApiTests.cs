using System.Net;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;
using FlagAdmin.Web.Tests.Ui.Flags;

namespace FlagAdmin.Web.Tests.Api;

/// <summary>
/// What the API and the pages answer when PostgreSQL itself fails (provoked by a trigger on the audit rows): concurrent
/// transactions that keep colliding are a 409 that says to send the change again, any other database error a 500
/// problem with a sentence, never an empty 500 nor "database unavailable"; nothing is stored either way.
/// </summary>
public sealed class StoreErrorApiTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Staging = "/api/v1/projects/shop/flags/new-checkout/environments/staging";

    [Fact]
    public async Task A_change_that_keeps_colliding_is_a_409_saying_to_send_it_again_and_another_database_error_a_500_problem()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = await ApiHost.StartAsync(FlagAdminFactory.PostgresSettings(database));
        var etag = await api.ETagOfAsync(Staging);

        await ProvokedFailures.RaiseOnAuditAsync(database, "40001");
        var collided = await api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, ifMatch: etag);
        await ProvokedFailures.StopAsync(database);
        await ProvokedFailures.RaiseOnAuditAsync(database, "P0001");
        var refused = await api.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/flags", new { key = "dark-mode", name = "Dark mode" });
        await ProvokedFailures.StopAsync(database);

        var conflict = await collided.ProblemAsync(409);
        Assert.Equal("The change collided with others made at the same moment.", conflict.GetProperty("title").GetString());
        Assert.Contains("send it again", conflict.GetProperty("detail").GetString());
        var failed = await refused.ProblemAsync(500);
        Assert.Equal("The database refused the request.", failed.GetProperty("title").GetString());
        Assert.Contains("error P0001", failed.GetProperty("detail").GetString());
        Assert.Equal(etag, await api.ETagOfAsync(Staging));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/projects/shop/flags/dark-mode")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Patch, Staging, new { enabled = true }, ifMatch: etag)).StatusCode);
    }
}
