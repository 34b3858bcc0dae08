using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FlagAdmin.Storage.Postgres;

/// <summary>
/// How a database's schema compares with this build's migrations. <see cref="Database"/> names it (server, database,
/// user; never the password); <see cref="Pending"/> are the build's migrations the database lacks (all of them when it
/// has no schema); <see cref="Unknown"/> are applied migrations this build does not have, i.e. the database was
/// migrated by a newer FlagAdmin.
/// </summary>
public sealed record SchemaStatus(string Database, IReadOnlyList<string> Applied, IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown)
{
    public bool IsEmpty => Applied.Count == 0;
}

public static class PostgresSchema
{
    /// <summary>
    /// Reads the migrations the database has applied (none when it has no history table) and compares them with the
    /// build's. Throws <see cref="PostgresStorageUnavailableException"/> when the database cannot be reached or the
    /// migrations assembly is not deployed with the host.
    /// </summary>
    public static async Task<SchemaStatus> CompareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<FlagAdminDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var known = PostgresStorage.BuildMigrations(db);
        var connectionString = db.Database.GetConnectionString();
        IReadOnlyList<string> applied;
        try
        {
            applied = await AppliedAsync(connectionString, cancellationToken);
        }
        catch (Exception e) when (StoreErrors.IsUnavailable(e))
        {
            throw PostgresStorage.Unreachable(connectionString, e);
        }
        return new SchemaStatus(PostgresStorage.Describe(connectionString), applied, [.. known.Except(applied)], [.. applied.Except(known)]);
    }

    // A plain connection, not EF's: EF logs a failed command as an error when the history table does not exist yet.
    private static async Task<IReadOnlyList<string>> AppliedAsync(string? connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("""SELECT to_regclass('"__EFMigrationsHistory"') IS NOT NULL""", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return [];
        }
        await using var read = new NpgsqlCommand("""SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """, connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var applied = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }
        return applied;
    }
}
