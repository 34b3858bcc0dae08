using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Transfer;
using FlagAdmin.Storage.Memory;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>An import is one PostgreSQL transaction: a database failure at its last write leaves nothing of it.</summary>
public sealed class PostgresImportTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly ChangeContext Admin = new("admin@example.com");

    private static async Task<ProjectDocument> DocumentAsync()
    {
        using var source = new MemoryFlagRepository(TimeProvider.System);
        var flags = new FlagService(source, source);
        await flags.CreateProjectAsync(new NewProject("shop", "Shop"), Admin);
        await flags.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 1), Admin);
        foreach (var key in new[] { "a", "b", "poison" })
        {
            var flag = await flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = key, Name = key }, Admin);
            await flags.SetEnabledAsync("shop", key, "production", true, flag.StateIn("production")!.Version, Admin);
        }
        return await new ProjectExporter(flags, TimeProvider.System).ExportAsync("shop");
    }

    [Fact]
    public async Task A_database_failure_at_the_last_flag_rolls_back_the_project_environment_and_flags_written_before_it()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        try
        {
            var repository = TestStore.Repository(connectionString, TimeProvider.System);
            var flags = new FlagService(repository, repository);
            var importer = new ProjectImporter(flags);
            var document = await DocumentAsync();
            // The connection breaking just as the last flag is inserted, as the server reports it.
            await PostgresFixture.ExecuteAsync(connectionString, """
                CREATE FUNCTION fail_on_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'connection lost' USING ERRCODE = '08006'; END $$;
                CREATE TRIGGER fail_on_poison BEFORE INSERT ON flags FOR EACH ROW WHEN (NEW.key = 'poison') EXECUTE FUNCTION fail_on_poison();
                """);

            var failed = await Assert.ThrowsAsync<ImportNotAppliedException>(() => importer.ImportAsync("shop", document, dryRun: false, Admin));
            var projectAfterFailure = await repository.GetProjectAsync("shop");
            var auditAfterFailure = await repository.QueryAsync(new AuditQuery { ProjectKey = "shop", Limit = 100 });
            await PostgresFixture.ExecuteAsync(connectionString, "DROP TRIGGER fail_on_poison ON flags");
            var applied = await importer.ImportAsync("shop", document, dryRun: false, Admin);

            Assert.IsType<StoreUnavailableException>(failed.Cause);
            Assert.Null(projectAfterFailure);
            Assert.Empty(auditAfterFailure.Items);
            Assert.Equal(8, applied.Writes);
            var reExported = await new ProjectExporter(flags, TimeProvider.System).ExportAsync("shop");
            Assert.Equal(TransferJson.Write(document with { ExportedAt = null }), TransferJson.Write(reExported with { ExportedAt = null }));
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }
}
