using FlagAdmin.Migrations;
using FlagAdmin.Storage.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FlagAdmin.Testing.Postgres;

/// <summary>
/// A PostgreSQL server the tests reach on loopback, and the databases they make on it: each cloned from a template
/// that the real migrations built once per server and build of the migrations (so test processes of different
/// builds sharing a server never clone each other's schema).
/// </summary>
public sealed class PostgresServer(int port)
{
    public const string User = "flagadmin";
    public const string Password = "flagadmin-tests";

    private static readonly string Template =
        $"template_{typeof(InitialCreate).Assembly.ManifestModule.ModuleVersionId:N}"[..21];

    private int _databases;

    public int Port { get; } = port;

    /// <summary>The maintenance database, for creating and dropping databases.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Password = Password,
        Database = database,
        IncludeErrorDetail = true,
        // Every test makes databases, each with pools of its own; idle connections of finished tests are closed
        // within seconds instead of the default five minutes, so test classes running in parallel stay within
        // the server's max_connections.
        ConnectionIdleLifetime = 10,
        ConnectionPruningInterval = 2,
    }.ConnectionString;

    /// <summary>Builds the migrated template unless another process already has; they take turns through an advisory lock.</summary>
    public async Task EnsureTemplateAsync()
    {
        // Unpooled: closing it must end the session, and with it the lock.
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_lock(hashtext('{Template}'))", admin))
        {
            await command.ExecuteNonQueryAsync();
        }
        await using (var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{Template}'", admin))
        {
            if (await exists.ExecuteScalarAsync() is not null)
            {
                return;
            }
        }
        // Built under another name and renamed when complete, so a process that dies halfway leaves no broken template.
        var building = $"building_{Environment.ProcessId}";
        await PostgresFixture.ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS {building}");
        await PostgresFixture.ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {building}");
        await using (var db = PostgresFixture.CreateContext(ConnectionString(building)))
        {
            await db.Database.MigrateAsync();
        }
        await using (var migrated = new NpgsqlConnection(PostgresStorage.WithStoreDefaults(ConnectionString(building))))
        {
            // Renaming it, and cloning it later, need it unused.
            NpgsqlConnection.ClearPool(migrated);
        }
        await PostgresFixture.ExecuteAsync(AdminConnectionString, $"ALTER DATABASE {building} RENAME TO {Template}");
    }

    /// <summary>A new database holding the migrated schema and no data; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = NextDatabaseName();
        await PostgresFixture.ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {name} TEMPLATE {Template}");
        return ConnectionString(name);
    }

    /// <summary>A new database with no schema at all (to test the migrations themselves).</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = NextDatabaseName();
        await PostgresFixture.ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {name} TEMPLATE template0");
        return ConnectionString(name);
    }

    /// <summary>Drops a database made here, closing whatever connections still use it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await PostgresFixture.ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private string NextDatabaseName() => $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
}
