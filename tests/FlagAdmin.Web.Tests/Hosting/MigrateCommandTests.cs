using FlagAdmin.Testing.Postgres;
using Npgsql;

namespace FlagAdmin.Web.Tests.Hosting;

public sealed class MigrateCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Migrate_builds_the_schema_in_an_empty_database_and_can_run_again()
    {
        var connectionString = await postgres.CreateEmptyDatabaseAsync();
        var environment = new Dictionary<string, string> { ["Store__Provider"] = "Postgres", ["ConnectionStrings__FlagAdmin"] = connectionString };

        var first = await HostProcess.RunAsync(environment, "migrate");
        var second = await HostProcess.RunAsync(environment, "migrate");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("schema is up to date", first.Output);
        Assert.Equal(0, second.ExitCode);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "__EFMigrationsHistory" WHERE "MigrationId" LIKE '%_InitialCreate'""", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('projects', 'environments', 'flags', 'flag_states', 'audit_entries')", connection);
        Assert.Equal(5L, await tables.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_host_migrates_at_start_up_when_configured_and_serves()
    {
        var connectionString = await postgres.CreateEmptyDatabaseAsync();
        await using var factory = FlagAdminFactory.Postgres(connectionString);

        var response = await factory.CreateClient().GetAsync("/healthz");

        Assert.True(response.IsSuccessStatusCode);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM flags", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }
}
