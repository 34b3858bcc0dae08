using FlagAdmin.Core.Common;
using FlagAdmin.Core.Projects;
using FlagAdmin.Testing.Postgres;
using Microsoft.EntityFrameworkCore;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>What only PostgreSQL's statistics say: the server's version, the migrations applied and each table's size.</summary>
public sealed class PostgresStatisticsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Statistics_name_the_server_version_every_migration_applied_and_each_tables_size()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            var repository = TestStore.Repository(database, TimeProvider.System);
            await new Core.Flags.FlagService(repository, repository).CreateProjectAsync(new NewProject("shop", "Shop"), new ChangeContext("alice@example.com"));

            var statistics = await repository.GetStatisticsAsync();

            await using var db = PostgresFixture.CreateContext(database);
            Assert.Equal("PostgreSQL", statistics.Kind);
            Assert.Equal(await PostgresFixture.ScalarAsync(database, "SHOW server_version"), statistics.Version);
            Assert.Equal(db.Database.GetMigrations(), statistics.Migrations);
            var sizes = statistics.Sizes.ToDictionary(s => s.Part, s => s.Bytes);
            foreach (var table in new[] { "projects", "environments", "flags", "flag_states", "users", "access_tokens", "sdk_keys", "audit_entries", "__EFMigrationsHistory" })
            {
                Assert.True(sizes.TryGetValue(table, out var bytes) && bytes > 0, $"{table}: {string.Join(", ", sizes)}");
            }
            var projects = (long)(await PostgresFixture.ScalarAsync(database, "SELECT pg_total_relation_size('projects')"))!;
            Assert.Equal(projects, sizes["projects"]);
            Assert.Equal(1, statistics.Counts.Projects);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }
}
