using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FlagAdmin.Storage.Postgres;

/// <summary>Start-up helpers of the PostgreSQL store: configuration, reachability and schema migration.</summary>
public static class PostgresStorage
{
    public const string ConnectionStringName = "FlagAdmin";

    /// <summary>The assembly holding the hand-written migrations (the Migrations/ project).</summary>
    public const string MigrationsAssembly = "FlagAdmin.Migrations";

    /// <summary>
    /// How many statements each connection keeps prepared when the connection string does not say
    /// (<c>Max Auto Prepare</c>): the repository sends a small, fixed set of statements, and preparing them
    /// halves the server's CPU per toggle, which on a small machine decides how many toggles per second
    /// it can take (docs/PERFORMANCE.md).
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>Options for <see cref="FlagAdminDbContext"/> on <paramref name="connectionString"/>, as the host uses them.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithStoreDefaults(connectionString), npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);

    /// <summary>
    /// <paramref name="connectionString"/> with the store's defaults for what it does not set itself:
    /// <see cref="DefaultMaxAutoPrepare"/>, and <c>No Reset On Close</c>. The repository never changes a pooled
    /// connection's session (no SET, LISTEN, temporary tables or session locks; the change listener and signal use
    /// unpooled connections of their own), so the reset Npgsql would otherwise send with the next command of every
    /// connection taken from the pool is server work for nothing, paid once per toggle (docs/PERFORMANCE.md).
    /// </summary>
    public static string WithStoreDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    /// <summary>Reads and checks <c>ConnectionStrings:FlagAdmin</c>.</summary>
    /// <exception cref="InvalidOperationException">It is missing or malformed.</exception>
    public static string ReadConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Store:Provider is Postgres but ConnectionStrings:{ConnectionStringName} is not set; set it to a PostgreSQL connection string such as 'Host=localhost;Database=flagadmin;Username=flagadmin;Password=…'.");
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            // The message names the offending keyword, never the value (it may be a password).
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not a valid PostgreSQL connection string ({FirstSentence(e.Message)}); expected the form 'Host=localhost;Database=flagadmin;Username=flagadmin;Password=…'.");
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} names no Host; expected the form 'Host=localhost;Database=flagadmin;Username=flagadmin;Password=…'.");
        }
        return connectionString;
    }

    /// <summary>
    /// Opens a connection and runs <c>SELECT 1</c>. Throws <see cref="PostgresStorageUnavailableException"/>
    /// whose message says which server, database and user could not be reached and why (never the password).
    /// </summary>
    public static async Task EnsureReachableAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<FlagAdminDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A plain connection, not EF's: a failed start-up check is reported once, as one sentence, not also as EF error logs.
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (Exception e) when (StoreErrors.IsUnavailable(e))
        {
            throw Unreachable(connection.ConnectionString, e);
        }
    }

    /// <summary>
    /// Brings the database schema up to the latest migration; EF Core takes a lock, so several processes
    /// may call it at once. Throws <see cref="PostgresStorageUnavailableException"/> when the database cannot
    /// be reached or the migrations assembly is not deployed with the host.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await EnsureReachableAsync(services, cancellationToken);
        var contexts = services.GetRequiredService<IDbContextFactory<FlagAdminDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        BuildMigrations(db);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (Exception e) when (StoreErrors.IsUnavailable(e))
        {
            throw Unreachable(db.Database.GetDbConnection().ConnectionString, e);
        }
    }

    /// <summary>The ids of the migrations this build has, oldest first.</summary>
    /// <exception cref="PostgresStorageUnavailableException">The migrations assembly is not deployed with the host.</exception>
    internal static IReadOnlyList<string> BuildMigrations(FlagAdminDbContext db)
    {
        try
        {
            System.Reflection.Assembly.Load(MigrationsAssembly);
        }
        catch (IOException e)
        {
            throw new PostgresStorageUnavailableException(
                $"The migrations assembly {MigrationsAssembly}.dll is not deployed with the host; reference the Migrations project from it.", e);
        }
        return [.. db.Database.GetMigrations()];
    }

    /// <summary>Where <paramref name="connectionString"/> points, for messages: server, database and user, never the password.</summary>
    internal static string Describe(string? connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL at {builder.Host}:{builder.Port}, database '{builder.Database}' as user '{builder.Username}'";
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }

    /// <summary>One sentence saying where the store could not be reached and why.</summary>
    internal static PostgresStorageUnavailableException Unreachable(string? connectionString, Exception inner) =>
        new($"Cannot reach {Describe(connectionString)}: {FirstSentence(inner.GetBaseException().Message)}.", inner);
}

/// <summary>The PostgreSQL store cannot be opened at start-up; the message says where and why in one sentence, without secrets.</summary>
public sealed class PostgresStorageUnavailableException(string message, Exception? inner = null)
    : InvalidOperationException(message, inner);
