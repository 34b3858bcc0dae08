using System.Net;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Users;

/// <summary>
/// /users/history as the server prerenders it, on both stores: an interactive page for Admins with the filters of the
/// address and no secret in it, the forbidden page for everyone else. Its rows, paging and filters are the circuit's
/// (the bunit AccountHistoryPageTests and AccountHistoryInTheBrowserTests).
/// </summary>
public abstract class AccountHistoryPageTests : IAsyncLifetime
{
    private TestSite _site = default!;
    private AccountHistoryScenario _scenario = null!;

    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    public async Task InitializeAsync()
    {
        _site = new TestSite(await CreateFactoryAsync());
        _scenario = await AccountHistoryScenario.RunAsync(_site.Services);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private HttpClient Client(Role role = Role.Admin) => _site.Client(role, AccountHistoryScenario.Admin);

    [Fact]
    public async Task An_admin_gets_the_interactive_page_with_the_filters_of_the_address_and_no_secret()
    {
        var response = await Client().GetAsync("/users/history?actor=ada%40example.com&action=AccessTokenCreated");
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlPage.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Account history", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("ada@example.com", page.QuerySelector("input#audit-actor")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("script[src*=blazor]"));
        _scenario.AssertNoSecretIn(html);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Viewers_and_editors_get_the_forbidden_page(Role role)
    {
        var response = await Client(role).GetAsync("/users/history");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You may not do this", (await HtmlPage.ParseAsync(response)).QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain("ci-deploy", await response.Content.ReadAsStringAsync());
    }
}

public sealed class AccountHistoryPageOnMemoryTests : AccountHistoryPageTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class AccountHistoryPageOnPostgresTests(PostgresFixture postgres) : AccountHistoryPageTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
