using System.Net;
using System.Text.Json;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Evaluation;

/// <summary>The evaluation API on the PostgreSQL store: the same answers, keys stored in the database.</summary>
public sealed class OfrepOnPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Flags_and_keys_kept_in_postgres_evaluate_and_revocation_is_immediate()
    {
        await using var host = await OfrepHost.StartAsync(FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync()));

        var production = await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", """{"context":{"targetingKey":"user-1"}}""", host.Production.Secret);
        await host.Keys.RevokeAsync("shop", host.Production.Key.Id, host.Production.Key.Version, OfrepHost.Admin);
        var revoked = await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", "{}", host.Production.Secret);

        Assert.Equal(HttpStatusCode.OK, production.StatusCode);
        Assert.True(JsonDocument.Parse(await production.Content.ReadAsStringAsync()).RootElement.GetProperty("value").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }
}
