using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FlagAdmin.Storage.Postgres.Tests.Upgrades;

/// <summary>
/// Existing databases upgrade without losing anything: a database that FlagAdmin filled at the last hand-written
/// migration (every table, from filled-at-AddAuditActionIndex.sql) is brought to the latest migration, keeps every
/// row of every table as it was, and is read and written by the current code.
/// </summary>
public sealed class MigrationUpgradeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string FilledAt = "20261130160000_AddAuditActionIndex";

    [Fact]
    public async Task A_filled_database_upgrades_to_the_latest_migration_with_every_row_unchanged()
    {
        var connectionString = await postgres.CreateEmptyDatabaseAsync();
        try
        {
            await using var db = PostgresFixture.CreateContext(connectionString);
            await db.GetService<IMigrator>().MigrateAsync(FilledAt);
            await PostgresFixture.ExecuteAsync(connectionString,
                await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Upgrades", "filled-at-AddAuditActionIndex.sql")));
            var columns = await ColumnsAsync(connectionString);
            var before = await RowsAsync(connectionString, columns);
            Assert.Equal(10, before.Count);
            Assert.All(before, table => Assert.NotEmpty(table.Value));

            await db.Database.MigrateAsync();

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var after = await RowsAsync(connectionString, columns);
            foreach (var (table, rows) in before)
            {
                Assert.Equal(rows, after[table]);
            }
            await TheCurrentCodeReadsAndWritesItAsync(connectionString);
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task TheCurrentCodeReadsAndWritesItAsync(string connectionString)
    {
        var repository = TestStore.Repository(connectionString, TimeProvider.System);
        var checkout = (await repository.GetFlagAsync("shop", "new-checkout"))!;
        Assert.Equal(1250, checkout.StateIn("production")!.RolloutBasisPoints);
        Assert.Equal(["staff", "beta"], checkout.StateIn("production")!.Rules.Select(rule => rule.Name));
        Assert.Equal("Ann Ångström", (await repository.FindUserByEmailAsync("ann@example.com"))!.DisplayName);
        Assert.Equal("ci-deploy", (await repository.FindTokenByHashAsync(new string('a', 64)))!.Name);
        Assert.True((await repository.FindSdkKeyByHashAsync(new string('d', 64)))!.IsRevoked);

        var banner = (await repository.GetFlagAsync("shop", "banner"))!.StateIn("production")!;
        await repository.UpdateStateAsync(
            new() { ProjectKey = "shop", FlagKey = "banner", EnvironmentKey = "production", ExpectedVersion = banner.Version, Enabled = true,
                    RolloutBasisPoints = banner.RolloutBasisPoints, OnVariant = banner.OnVariant, OffVariant = banner.OffVariant },
            new ChangeContext("ann@example.com"));
        var newest = (await repository.QueryAsync(new AuditQuery { ProjectKey = "shop", Limit = 1 })).Items.Single();
        Assert.Equal(22, newest.Id); // after the 21 entries the old version wrote
    }

    /// <summary>The columns each table had when it was filled; later migrations may add columns but never change these.</summary>
    private static async Task<Dictionary<string, string>> ColumnsAsync(string connectionString) =>
        (await PostgresFixture.ReadLinesAsync(connectionString, """
            SELECT table_name || ' ' || string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            GROUP BY table_name
            """))
        .Select(line => line.Split(' ', 2))
        .ToDictionary(parts => parts[0], parts => parts[1]);

    private static async Task<Dictionary<string, List<string>>> RowsAsync(string connectionString, Dictionary<string, string> columns)
    {
        var rows = new Dictionary<string, List<string>>();
        foreach (var (table, list) in columns)
        {
            rows[table] = await PostgresFixture.ReadLinesAsync(connectionString,
                $"SELECT row_to_json(r)::text FROM (SELECT {list} FROM {table}) r ORDER BY 1");
        }
        return rows;
    }
}
