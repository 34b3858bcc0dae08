using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FlagAdmin.Storage.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Xunit;

namespace FlagAdmin.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster started from the machine's own server binaries (initdb, pg_ctl) in a
/// temporary directory, on a free loopback port, with fsync off. Share it through an xUnit collection
/// fixture; give each test class or test a fresh database with <see cref="CreateDatabaseAsync"/>,
/// cloned from a template that the real migrations built once.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root: as root the directory is handed to the <c>postgres</c> user and
/// initdb and pg_ctl run through <c>runuser -u postgres --</c>. Missing binaries fail the fixture with a
/// message saying what to install; the tests are never skipped.
/// </remarks>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string User = "flagadmin";
    private const string TemplateDatabase = "flagadmin_template";

    private string? _directory;
    private string? _pgCtl;
    private bool _started;
    private int _databases;
    private Task<string>? _shared;

    public int Port { get; private set; }

    /// <summary>The maintenance database, for creating and dropping databases.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Database = database,
        IncludeErrorDetail = true,
    }.ConnectionString;

    public async Task InitializeAsync()
    {
        var initdb = FindBinary("initdb");
        _pgCtl = FindBinary("pg_ctl");
        _directory = Directory.CreateTempSubdirectory("flagadmin-pg-").FullName;
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", _directory], asRoot: false);
        }
        var data = Path.Combine(_directory, "data");
        await RunAsync(initdb, ["-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], asRoot);

        // A free port can be taken between choosing and binding it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            var options = $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
            try
            {
                await RunAsync(_pgCtl, ["-D", data, "-o", options, "-l", Path.Combine(_directory, "log"), "-w", "-t", "60", "start"], asRoot);
                _started = true;
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }

        await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {TemplateDatabase}");
        await using (var db = CreateContext(ConnectionString(TemplateDatabase)))
        {
            await db.Database.MigrateAsync();
        }
        NpgsqlConnection.ClearAllPools();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_directory is null)
        {
            return;
        }
        if (_started && _pgCtl is not null)
        {
            await RunAsync(_pgCtl, ["-D", Path.Combine(_directory, "data"), "-m", "fast", "-w", "stop"], Environment.IsPrivilegedProcess);
        }
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A new database holding the migrated schema and no data; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = NextDatabaseName();
        await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {name} TEMPLATE {TemplateDatabase}");
        return ConnectionString(name);
    }

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
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = NextDatabaseName();
        await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {name} TEMPLATE template0");
        return ConnectionString(name);
    }

    /// <summary>Drops a database made by this fixture, closing whatever connections still use it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

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

    private string NextDatabaseName() => $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindBinary(string name)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"The PostgreSQL server binary '{name}' was not found on PATH or in /usr/lib/postgresql/*/bin; " +
                "install PostgreSQL 15 (Debian: apt-get install postgresql-15) to run the PostgreSQL tests.");
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asRoot)
    {
        var start = new ProcessStartInfo(asRoot ? "runuser" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asRoot)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", fileName })
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {await error}{await output}");
        }
    }
}
