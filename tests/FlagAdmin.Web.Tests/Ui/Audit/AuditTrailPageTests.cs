using System.Net;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Ui.Audit;

/// <summary>
/// The audit trail as the server prerenders it, on both stores: an interactive page with the filters of the address, the
/// status of a missing project (page and exports), and sign-in first. Rows, paging and live updates are the circuit's
/// (the bunit AuditTrailPageTests and AuditTrailInTheBrowserTests).
/// </summary>
public abstract class AuditTrailPageTests : IAsyncLifetime
{
    private AuditTrailSite _site = default!;

    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    public async Task InitializeAsync() => _site = await AuditTrailSite.StartAsync(await CreateFactoryAsync());

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task The_trail_is_an_interactive_page_that_keeps_the_filters_of_the_address()
    {
        await _site.ToggleAsync("checkout", "production", true, AuditTrailSite.Bob);

        var page = await _site.Client(Role.Viewer).GetPageAsync("/projects/shop/audit?flag=checkout&actor=bob%40example.com&from=2026-05-04");

        Assert.Equal("Audit trail", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("checkout", page.QuerySelector("input#audit-flag")!.GetAttribute("value"));
        Assert.Equal("bob@example.com", page.QuerySelector("input#audit-actor")!.GetAttribute("value"));
        Assert.Equal("2026-05-04T00:00:00", page.QuerySelector("input#audit-from")!.GetAttribute("value"));
        Assert.Equal("/projects/shop/audit/export.csv?flag=checkout&actor=bob@example.com&from=2026-05-04",
            page.QuerySelector("a.audit-export-csv")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("script[src*=blazor]"));
        Assert.Null(page.QuerySelector("script[src*=htmx]"));
    }

    [Fact]
    public async Task The_audit_trail_of_an_unknown_project_is_not_found()
    {
        var page = await _site.Client(Role.Viewer).GetAsync("/projects/nowhere/audit");
        var export = await _site.Client(Role.Viewer).GetAsync("/projects/nowhere/audit/export.csv");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        var page = await _site.SignedOutClient().GetAsync("/projects/shop/audit");
        var export = await _site.SignedOutClient().GetAsync("/projects/shop/audit/export.json");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.StartsWith("/signin", export.Headers.Location!.PathAndQuery);
    }
}

public sealed class AuditTrailPageOnMemoryTests : AuditTrailPageTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class AuditTrailPageOnPostgresTests(PostgresFixture postgres) : AuditTrailPageTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
