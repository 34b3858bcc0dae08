using System.Net;
using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Ui.Audit;

/// <summary>The audit trail's exports on the PostgreSQL store: the filtered entries, formulas defused, an unknown project not found.</summary>
public sealed class AuditTrailOnPostgresTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private AuditTrailSite _site = default!;

    public async Task InitializeAsync() =>
        _site = await AuditTrailSite.StartAsync(FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync()));

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Exports_read_the_filtered_entries_from_postgres()
    {
        for (var i = 0; i < 52; i++)
        {
            await _site.ToggleAsync("checkout", "production", i % 2 == 0, AuditTrailSite.Bob);
        }
        await _site.SetRolloutAsync("search", "development", 1250, new ChangeContext("ada@example.com", "=cmd|' /C calc'!A0"));
        var client = _site.Client(Role.Viewer);

        var csv = AuditExportTests.CsvRows(await (await client.GetAsync("/projects/shop/audit/export.csv?flag=search")).Content.ReadAsStringAsync());
        Assert.Equal("'=cmd|' /C calc'!A0", csv[1][8]);
        using var json = JsonDocument.Parse(await (await client.GetAsync("/projects/shop/audit/export.json?flag=checkout&action=flag_toggled")).Content.ReadAsStringAsync());
        Assert.Equal(52, json.RootElement.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/projects/nowhere/audit/export.json")).StatusCode);
    }
}
