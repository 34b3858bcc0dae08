using System.Net;
using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Ui.Audit;

/// <summary>The audit trail and its exports on the PostgreSQL store: the same entries, filters and pages.</summary>
public sealed class AuditTrailOnPostgresTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private AuditTrailSite _site = default!;

    public async Task InitializeAsync() =>
        _site = await AuditTrailSite.StartAsync(FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync()));

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Entries_filters_pages_and_exports_read_from_postgres()
    {
        for (var i = 0; i < 52; i++)
        {
            await _site.ToggleAsync("checkout", "production", i % 2 == 0, AuditTrailSite.Bob);
        }
        await _site.SetRolloutAsync("search", "development", 1250, new ChangeContext("ada@example.com", "=cmd|' /C calc'!A0"));
        var client = _site.Client(Role.Viewer);

        var first = await HtmlPage.ParseAsync(await client.GetAsync("/projects/shop/audit"));
        var rollout = AuditTrailPageTests.Entries(first)[0];
        Assert.Equal("12.5 %", rollout.QuerySelector("[data-field=Rollout] ins")!.TextContent);
        Assert.Equal("ada@example.com", rollout.QuerySelector(".audit-actor")!.TextContent);

        var filtered = await HtmlPage.ParseAsync(await client.GetAsync("/projects/shop/audit?flag=checkout&action=FlagToggled&actor=bob%40example.com"));
        Assert.Equal(50, AuditTrailPageTests.Entries(filtered).Count);
        var second = await HtmlPage.ParseAsync(await client.GetAsync(filtered.QuerySelector("a.audit-older")!.GetAttribute("href")));
        Assert.Equal(2, AuditTrailPageTests.Entries(second).Count);

        var csv = AuditExportTests.CsvRows(await (await client.GetAsync("/projects/shop/audit/export.csv?flag=search")).Content.ReadAsStringAsync());
        Assert.Equal("'=cmd|' /C calc'!A0", csv[1][8]);
        using var json = JsonDocument.Parse(await (await client.GetAsync("/projects/shop/audit/export.json?flag=checkout&action=flag_toggled")).Content.ReadAsStringAsync());
        Assert.Equal(52, json.RootElement.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/projects/nowhere/audit")).StatusCode);
    }
}
