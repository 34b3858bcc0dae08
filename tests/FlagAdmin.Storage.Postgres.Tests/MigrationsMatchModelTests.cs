using System.Text;
using FlagAdmin.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql;
using Xunit.Abstractions;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>
/// The migrations are written by hand (no <c>dotnet ef</c> here), so these tests prove they build exactly
/// the schema the model expects, that the snapshot matches the model, and that Down undoes Up.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationsMatchModelTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Snapshot_matches_the_model_so_no_migration_is_pending()
    {
        await using var db = PostgresFixture.CreateContext(postgres.ConnectionString("postgres"));
        var differences = Differences(db);
        foreach (var difference in differences)
        {
            output.WriteLine(difference);
        }
        Assert.Empty(differences);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Migrating_an_empty_database_creates_exactly_the_tables_and_columns_of_the_model()
    {
        var connectionString = await postgres.CreateEmptyDatabaseAsync();
        try
        {
            await using var db = PostgresFixture.CreateContext(connectionString);
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());

            var expected = ExpectedColumns(db.GetService<IDesignTimeModel>().Model.GetRelationalModel());
            var actual = await ReadAsync(connectionString, """
                SELECT c.table_name || '.' || c.column_name || ' ' || format_type(a.atttypid, a.atttypmod)
                       || CASE WHEN c.is_nullable = 'YES' THEN ' NULL' ELSE ' NOT NULL' END
                       || COALESCE(' COLLATE ' || c.collation_name, '')
                       || CASE WHEN c.is_identity = 'YES' THEN ' IDENTITY ' || c.identity_generation ELSE '' END
                FROM information_schema.columns c
                JOIN pg_attribute a
                  ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
                WHERE c.table_schema = 'public' AND c.table_name <> '__EFMigrationsHistory'
                """);
            AssertSameSet(expected, actual);
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Migrating_an_empty_database_creates_exactly_the_keys_indexes_and_foreign_keys_of_the_model()
    {
        var connectionString = await postgres.CreateEmptyDatabaseAsync();
        try
        {
            await using var db = PostgresFixture.CreateContext(connectionString);
            await db.Database.MigrateAsync();
            var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();

            var indexes = await ReadAsync(connectionString, """
                SELECT indexdef FROM pg_indexes
                WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
                """);
            AssertSameSet(ExpectedIndexes(model), indexes);

            var foreignKeys = await ReadAsync(connectionString, """
                SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint
                WHERE contype = 'f' AND connamespace = 'public'::regnamespace
                """);
            AssertSameSet(ExpectedForeignKeys(model), foreignKeys);
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
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

            var left = await ReadAsync(connectionString, """
                SELECT c.relkind::text || ' ' || c.relname FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE '%EFMigrationsHistory%'
                UNION ALL
                SELECT 't ' || typname FROM pg_type
                WHERE typnamespace = 'public'::regnamespace AND typname NOT LIKE '%EFMigrationsHistory%'
                """);
            Assert.Empty(left);
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    /// <summary>What EF Core would put in a new migration: nothing, when the snapshot matches the model.</summary>
    private static List<string> Differences(DbContext db)
    {
        var migrations = db.GetService<IMigrationsAssembly>();
        var snapshot = migrations.ModelSnapshot?.Model;
        Assert.NotNull(snapshot);
        var processed = db.GetService<IModelRuntimeInitializer>().Initialize(
            ((IMutableModel)snapshot).FinalizeModel(), designTime: true, validationLogger: null);
        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(
            processed.GetRelationalModel(), db.GetService<IDesignTimeModel>().Model.GetRelationalModel());
        return operations.Select(Describe).ToList();
    }

    private static string Describe(MigrationOperation operation)
    {
        var text = new StringBuilder(operation.GetType().Name);
        foreach (var property in operation.GetType().GetProperties().Where(p => p.Name is not ("IsDestructiveChange")))
        {
            var value = property.GetValue(operation);
            text.Append($" {property.Name}={(value is System.Collections.IEnumerable e and not string ? string.Join(",", e.Cast<object?>()) : value)}");
        }
        return text.ToString();
    }

    private static IEnumerable<string> ExpectedColumns(IRelationalModel model) =>
        from table in model.Tables
        from column in table.Columns
        where column.Name != "xmin" // PostgreSQL's system column: every table has it, no migration creates it
        select $"{table.Name}.{column.Name} {column.StoreType}{(column.IsNullable ? " NULL" : " NOT NULL")}"
            + (column.Collation is { } collation ? $" COLLATE {collation}" : "")
            + (column.PropertyMappings.Any(m => m.Property.GetValueGenerationStrategy() is Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)
                ? " IDENTITY BY DEFAULT" : "");

    private static IEnumerable<string> ExpectedIndexes(IRelationalModel model)
    {
        foreach (var table in model.Tables)
        {
            if (table.PrimaryKey is { } key)
            {
                yield return $"CREATE UNIQUE INDEX {key.Name} ON public.{table.Name} USING btree ({string.Join(", ", key.Columns.Select(c => c.Name))})";
            }
            foreach (var index in table.Indexes)
            {
                var method = index.MappedIndexes.First().GetMethod() ?? "btree";
                var descending = index.MappedIndexes.First().IsDescending;
                var columns = index.Columns.Select((c, i) => c.Name + (descending is { Count: > 0 } && descending[i] ? " DESC" : ""));
                yield return $"CREATE {(index.IsUnique ? "UNIQUE " : "")}INDEX {index.Name} ON public.{table.Name} USING {method} ({string.Join(", ", columns)})";
            }
        }
    }

    private static IEnumerable<string> ExpectedForeignKeys(IRelationalModel model) =>
        from table in model.Tables
        from foreignKey in table.ForeignKeyConstraints
        select $"{table.Name} {foreignKey.Name} FOREIGN KEY ({string.Join(", ", foreignKey.Columns.Select(c => c.Name))}) "
            + $"REFERENCES {foreignKey.PrincipalTable.Name}({string.Join(", ", foreignKey.PrincipalColumns.Select(c => c.Name))})"
            + (foreignKey.OnDeleteAction == ReferentialAction.Cascade ? " ON DELETE CASCADE" : "");

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
            $"Schema differs from the model.\nMissing:\n  {string.Join("\n  ", missing)}\nExtra:\n  {string.Join("\n  ", extra)}");
    }

    private static async Task<List<string>> ReadAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    }
}
