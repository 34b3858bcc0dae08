using System.Net;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Users;

/// <summary>The account history page on the PostgreSQL store: the same entries in words, and no secret in them.</summary>
public sealed class AccountHistoryPageOnPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_page_shows_the_role_change_and_the_revoked_token_on_postgres()
    {
        await using var site = new TestSite(FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync()));
        var scenario = await AccountHistoryScenario.RunAsync(site.Services);

        var response = await site.Client(Role.Admin, AccountHistoryScenario.Admin).GetAsync("/users/history");
        var html = await response.Content.ReadAsStringAsync();
        var forbidden = await site.Client(Role.Editor).GetAsync("/users/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AccountHistoryPageAssertions.ShowsTheScenarioAsync(response, scenario);
        scenario.AssertNoSecretIn(html);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
