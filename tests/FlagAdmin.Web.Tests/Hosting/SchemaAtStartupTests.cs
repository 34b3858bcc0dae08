using FlagAdmin.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FlagAdmin.Web.Tests.Hosting;

/// <summary>
/// The host started as a process on a PostgreSQL database whose schema is not this build's: missing, behind or ahead.
/// Each ends with exit code 1 and one sentence naming the fix, and nothing in the database changes.
/// </summary>
public sealed class SchemaAtStartupTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string FromALaterVersion = "29990101000000_FromALaterVersion";

    private static Dictionary<string, string> Settings(string connectionString, bool migrateOnStartup = false) => new()
    {
        ["Store__Provider"] = "Postgres",
        ["ConnectionStrings__FlagAdmin"] = connectionString,
        ["Store__Postgres__MigrateOnStartup"] = migrateOnStartup ? "true" : "false",
        ["Auth__Admin__Email"] = "ops@example.com",
        ["Auth__Admin__Password"] = "correct horse battery staple",
    };

    [Fact]
    public async Task A_database_without_the_schema_names_the_migrate_command_and_the_setting()
    {
        var connectionString = await postgres.CreateEmptyDatabaseAsync();

        var line = await HostProcess.FailingStartAsync(Settings(connectionString));

        Assert.Contains("has no FlagAdmin schema yet", line);
        Assert.Contains("migrate", line);
        Assert.Contains("Store:Postgres:MigrateOnStartup=true", line);
        Assert.Equal(0L, await TableCountAsync(connectionString));
    }

    [Fact]
    public async Task A_database_behind_the_build_names_the_missing_migration_and_the_fix()
    {
        var connectionString = await DatabaseOneMigrationBehindAsync();
        var migrations = BuildMigrations(connectionString);

        var line = await HostProcess.FailingStartAsync(Settings(connectionString));

        Assert.Contains($"lacks 1 migration of this build ({migrations[^1]})", line);
        Assert.Contains("Store:Postgres:MigrateOnStartup=true", line);
        Assert.Equal(migrations[..^1], await AppliedAsync(connectionString));
    }

    [Fact]
    public async Task A_database_behind_the_build_is_brought_up_to_date_by_the_migrate_command()
    {
        var connectionString = await DatabaseOneMigrationBehindAsync();

        var outcome = await HostProcess.RunAsync(Settings(connectionString), "migrate");

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Equal(BuildMigrations(connectionString), await AppliedAsync(connectionString));
    }

    [Fact]
    public async Task A_database_behind_the_build_is_migrated_at_start_up_when_that_is_allowed()
    {
        var connectionString = await DatabaseOneMigrationBehindAsync();
        await using var factory = FlagAdminFactory.Postgres(connectionString);

        var response = await factory.CreateClient().GetAsync("/readyz");

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(BuildMigrations(connectionString), await AppliedAsync(connectionString));
    }

    [Theory]
    [InlineData(false, new string[0])]
    [InlineData(true, new string[0])]
    [InlineData(false, new[] { "migrate" })]
    public async Task A_schema_newer_than_the_build_is_refused_even_where_migrating_is_allowed(bool migrateOnStartup, string[] args)
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await PostgresFixture.ExecuteAsync(connectionString,
            $"""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('{FromALaterVersion}', '10.0.15')""");
        var before = await AppliedAsync(connectionString);

        var line = await HostProcess.FailingStartAsync(Settings(connectionString, migrateOnStartup), args);

        Assert.Contains("was migrated by a newer FlagAdmin", line);
        Assert.Contains(FromALaterVersion, line);
        Assert.Equal(before, await AppliedAsync(connectionString));
        Assert.Equal(0L, await PostgresFixture.ScalarAsync(connectionString, "SELECT count(*) FROM users"));
    }

    private async Task<string> DatabaseOneMigrationBehindAsync()
    {
        var connectionString = await postgres.CreateEmptyDatabaseAsync();
        await using var db = PostgresFixture.CreateContext(connectionString);
        await db.GetService<IMigrator>().MigrateAsync(BuildMigrations(connectionString)[^2]);
        return connectionString;
    }

    private static string[] BuildMigrations(string connectionString)
    {
        using var db = PostgresFixture.CreateContext(connectionString);
        return [.. db.Database.GetMigrations()];
    }

    private static Task<List<string>> AppliedAsync(string connectionString) =>
        PostgresFixture.ReadLinesAsync(connectionString, """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """);

    private static async Task<long> TableCountAsync(string connectionString) =>
        (long)(await PostgresFixture.ScalarAsync(connectionString, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))!;
}
