using System.Net;
using System.Text.Json;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Api;

/// <summary>An import through the API is one PostgreSQL transaction: the database failing at its last flag leaves nothing of it.</summary>
public sealed class ImportRollbackOnPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task An_import_the_database_fails_at_the_last_flag_answers_503_and_leaves_no_trace_then_succeeds_once_it_is_back()
    {
        await using var source = await ApiHost.StartAsync();
        await TransferApiTests.SeedRichProjectAsync(source);
        var export = await (await source.GetAsync("/api/v1/projects/shop/export")).Content.ReadAsStringAsync();
        var lastFlag = JsonDocument.Parse(export).RootElement.GetProperty("flags").EnumerateArray().Last().GetProperty("key").GetString()!;
        var database = await postgres.CreateDatabaseAsync();
        await using var target = await ApiHost.StartAsync(FlagAdminFactory.PostgresSettings(database), seed: false);
        // As the server reports a lost connection, just when the last flag is inserted.
        await PostgresFixture.ExecuteAsync(database, $"""
            CREATE FUNCTION fail_on_last_flag() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'connection lost' USING ERRCODE = '08006'; END $$;
            CREATE TRIGGER fail_on_last_flag BEFORE INSERT ON flags FOR EACH ROW WHEN (NEW.key = '{lastFlag}') EXECUTE FUNCTION fail_on_last_flag();
            """);

        var failed = await target.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import", export);
        var project = await target.GetAsync("/api/v1/projects/shop");
        var audit = await PostgresFixture.ScalarAsync(database, "SELECT count(*) FROM audit_entries WHERE project_key = 'shop'");
        await PostgresFixture.ExecuteAsync(database, "DROP TRIGGER fail_on_last_flag ON flags");
        var applied = await target.SendAsync(HttpMethod.Post, "/api/v1/projects/shop/import", export);
        var reExport = await (await target.GetAsync("/api/v1/projects/shop/export")).Content.ReadAsStringAsync();

        var problem = await failed.ProblemAsync(503);
        Assert.Equal("The import was not applied; nothing changed.", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, project.StatusCode);
        Assert.Equal(0L, audit);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(TransferApiTests.WithoutExportTime(export), TransferApiTests.WithoutExportTime(reExport));
    }
}
