using FlagAdmin.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Xunit.Abstractions;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>
/// The migrations up to 20261130160000_AddAuditActionIndex were written by hand (docs/decisions/0014); the tools
/// made the snapshot and every migration since. These tests prove the whole chain builds exactly the schema the
/// tools make from the model, and that Down undoes Up. CI also runs <c>dotnet ef migrations has-pending-model-changes</c>.
/// </summary>
public sealed class MigrationsMatchModelTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    /// <summary>What migrations create with their own SQL because a model cannot describe it: the flag counters' trigger.</summary>
    private static readonly string[] BeyondTheModel =
    [
        "function count_flags()",
        "trigger flags flags_counted_on_insert",
        "trigger flags flags_counted_on_update",
        "trigger flags flags_counted_on_delete",
    ];

    [Fact]
    public async Task Every_model_change_has_its_migration()
    {
        await using var db = PostgresFixture.CreateContext(postgres.AdminConnectionString);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changed since the last migration; add one with dotnet ef migrations add (README: Changing the schema).");
    }

    [Fact]
    public async Task The_migrations_build_the_schema_the_tools_make_from_the_model_and_the_flag_counters_trigger()
    {
        var migrated = await postgres.CreateEmptyDatabaseAsync();
        var fromModel = await postgres.CreateEmptyDatabaseAsync();
        try
        {
            await using (var db = PostgresFixture.CreateContext(migrated))
            {
                await db.Database.MigrateAsync();
            }
            await using (var db = PostgresFixture.CreateContext(fromModel))
            {
                // The operations `dotnet ef migrations add` writes for an empty database, applied as `dotnet ef database update` would.
                var model = db.GetService<IDesignTimeModel>().Model;
                var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel());
                var commands = db.GetService<IMigrationsSqlGenerator>().Generate(operations, model);
                await db.GetService<IMigrationCommandExecutor>().ExecuteNonQueryAsync(commands, db.GetService<IRelationalConnection>());
            }

            var expected = (await SchemaAsync(fromModel)).Concat(BeyondTheModel).ToList();
            var actual = await SchemaAsync(migrated);
            Assert.Contains(expected, line => line.StartsWith("column audit_entries.tx_id xid8 NOT NULL DEFAULT pg_current_xact_id()", StringComparison.Ordinal));
            AssertSameSet(expected, actual);
        }
        finally
        {
            await postgres.DropDatabaseAsync(migrated);
            await postgres.DropDatabaseAsync(fromModel);
        }
    }

    [Fact]
    public async Task The_idempotent_script_builds_the_same_schema_as_migrating_and_may_run_twice()
    {
        var migrated = await postgres.CreateEmptyDatabaseAsync();
        var scripted = await postgres.CreateEmptyDatabaseAsync();
        try
        {
            await using var db = PostgresFixture.CreateContext(migrated);
            await db.Database.MigrateAsync();
            // What `dotnet ef migrations script --idempotent` prints, for people who apply the schema by hand.
            var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

            await PostgresFixture.ExecuteAsync(scripted, script);
            await PostgresFixture.ExecuteAsync(scripted, script);

            AssertSameSet(await SchemaAsync(migrated), await SchemaAsync(scripted));
            Assert.Equal(
                await PostgresFixture.ReadLinesAsync(migrated, """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY 1"""),
                await PostgresFixture.ReadLinesAsync(scripted, """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY 1"""));
        }
        finally
        {
            await postgres.DropDatabaseAsync(migrated);
            await postgres.DropDatabaseAsync(scripted);
        }
    }

    [Fact]
    public async Task Down_drops_everything_Up_created()
    {
        var connectionString = await postgres.CreateEmptyDatabaseAsync();
        try
        {
            await using var db = PostgresFixture.CreateContext(connectionString);
            await db.Database.MigrateAsync();
            await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);

            Assert.Empty(await SchemaAsync(connectionString));
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    /// <summary>
    /// One line per column (type, nullability, collation, identity, default), index, constraint, relation, function
    /// and trigger of the public schema, leaving out EF Core's history table. Column order is not compared.
    /// </summary>
    private static async Task<List<string>> SchemaAsync(string connectionString)
    {
        var lines = await PostgresFixture.ReadLinesAsync(connectionString, """
            SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                   || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
                   || CASE WHEN a.attcollation <> t.typcollation THEN ' COLLATE ' || co.collname ELSE '' END
                   || CASE a.attidentity WHEN 'd' THEN ' IDENTITY BY DEFAULT' WHEN 'a' THEN ' IDENTITY ALWAYS' ELSE '' END
                   || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'relation ' || relkind::text || ' ' || relname FROM pg_class WHERE relnamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'type ' || typname FROM pg_type
            WHERE typnamespace = 'public'::regnamespace AND typrelid = 0 AND typelem = 0
            UNION ALL
            SELECT 'function ' || oid::regprocedure FROM pg_proc WHERE pronamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
            """);
        return lines.Where(line => !line.Contains(HistoryRepository.DefaultTableName, StringComparison.Ordinal)).ToList();
    }

    private void AssertSameSet(IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var missing = expected.Except(actual).Order(StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected).Order(StringComparer.Ordinal).ToList();
        foreach (var line in missing)
        {
            output.WriteLine($"missing: {line}");
        }
        foreach (var line in extra)
        {
            output.WriteLine($"extra:   {line}");
        }
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"The migrations' schema differs from the model's.\nMissing:\n  {string.Join("\n  ", missing)}\nExtra:\n  {string.Join("\n  ", extra)}");
    }
}
