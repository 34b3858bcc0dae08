using FlagAdmin.Testing.Postgres;
using FlagAdmin.Web.Tests.Api;

namespace FlagAdmin.Web.Tests.Users;

/// <summary>The account history on the PostgreSQL store: the same entries as on memory, and no secret in them.</summary>
public sealed class UserHistoryOnPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_api_shows_the_role_change_and_the_revoked_token_on_postgres()
    {
        await using var api = await ApiHost.StartAsync(FlagAdminFactory.PostgresSettings(await postgres.CreateDatabaseAsync()));
        var scenario = await AccountHistoryScenario.RunAsync(api.Factory.Services);

        var response = await api.GetAsync("/api/v1/users/audit");
        var text = await response.Content.ReadAsStringAsync();
        var forbidden = await api.GetAsync("/api/v1/users/audit", FlagAdmin.Core.Users.Role.Editor);

        await UserHistoryApiAssertions.ShowsTheScenarioAsync(response, scenario);
        scenario.AssertNoSecretIn(text);
        await forbidden.ProblemAsync(403);
    }
}
