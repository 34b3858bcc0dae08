using FlagAdmin.Storage.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Xunit;

namespace FlagAdmin.Testing.Postgres;

/// <summary>
/// The PostgreSQL 15 the tests run against: one Testcontainers container shared by every test process of the run
/// (<see cref="SharedPostgresContainer"/>). Use it as a class fixture (<c>IClassFixture&lt;PostgresFixture&gt;</c>), so
/// test classes run in parallel, each on databases of its own: <see cref="CreateDatabaseAsync"/> clones a template
/// that the real migrations built once.
/// </summary>
/// <remarks>
/// Without a Docker engine the fixture fails with a sentence saying how to get one; the tests are never skipped.
/// </remarks>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string User = PostgresServer.User;

    private PostgresServer? _server;
    private Task<string>? _shared;

    private PostgresServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    public int Port => Server.Port;

    /// <summary>The maintenance database, for creating and dropping databases.</summary>
    public string AdminConnectionString => Server.AdminConnectionString;

    public string ConnectionString(string database) => Server.ConnectionString(database);

    public async Task InitializeAsync()
    {
        _server = await SharedPostgresContainer.ServerAsync();
        await _server.EnsureTemplateAsync();
    }

    /// <summary>Leaves the container to the process: the last test process of the run removes it when it exits.</summary>
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A new database holding the migrated schema and no data; returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync();

    /// <summary>
    /// One migrated database for every caller of this fixture, for tests that isolate themselves by unique
    /// project keys (the repository contract suite); created on first use.
    /// </summary>
    public Task<string> SharedDatabaseAsync()
    {
        lock (this)
        {
            return _shared ??= CreateDatabaseAsync();
        }
    }

    /// <summary>A new database with no schema at all (to test the migrations themselves).</summary>
    public Task<string> CreateEmptyDatabaseAsync() => Server.CreateEmptyDatabaseAsync();

    /// <summary>Drops a database made by this fixture, closing whatever connections still use it.</summary>
    public Task DropDatabaseAsync(string connectionString) => Server.DropDatabaseAsync(connectionString);

    /// <summary>A context on <paramref name="connectionString"/> configured as the host configures it.</summary>
    public static FlagAdminDbContext CreateContext(string connectionString, params IInterceptor[] interceptors) =>
        new(Options(connectionString, interceptors));

    public static DbContextOptions<FlagAdminDbContext> Options(string connectionString, params IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<FlagAdminDbContext>();
        PostgresStorage.Configure(builder, connectionString);
        if (interceptors.Length > 0)
        {
            builder.AddInterceptors(interceptors);
        }
        return builder.Options;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // No time limit: seeding scripts may run for minutes on a busy machine.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>The first column of every row <paramref name="sql"/> returns, as text.</summary>
    public static async Task<List<string>> ReadLinesAsync(string connectionString, string sql)
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
