using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FlagAdmin.Benchmarks.Postgres;

/// <summary>
/// A throwaway PostgreSQL 15 cluster from the machine's own binaries, started the way the tests start theirs
/// (tests/FlagAdmin.Testing.Postgres) but with PostgreSQL's default durability: <c>fsync=on</c> and
/// <c>synchronous_commit=on</c>, since a write figure without them says nothing. Everything else is left at
/// initdb's defaults (shared_buffers 128MB). As root the data directory belongs to <c>postgres</c>.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string User = "flagadmin";

    private readonly string _directory;
    private readonly string _pgCtl;
    private readonly bool _asRoot = Environment.IsPrivilegedProcess;

    private PostgresCluster(string directory, string pgCtl, int port)
    {
        _directory = directory;
        _pgCtl = pgCtl;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Database = database,
        MaxPoolSize = 100,
    }.ConnectionString;

    public static async Task<PostgresCluster> StartAsync()
    {
        var initdb = FindBinary("initdb");
        var pgCtl = FindBinary("pg_ctl");
        var directory = Directory.CreateTempSubdirectory("flagadmin-bench-pg-").FullName;
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", directory], asRoot: false);
        }
        var data = Path.Combine(directory, "data");
        await RunAsync(initdb, ["-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);
        var port = FreeLoopbackPort();
        var options = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=100";
        await RunAsync(pgCtl, ["-D", data, "-o", options, "-l", Path.Combine(directory, "log"), "-w", "-t", "60", "start"], asRoot);
        return new PostgresCluster(directory, pgCtl, port);
    }

    public async Task CreateDatabaseAsync(string name) => await ExecuteAsync(ConnectionString("postgres"), $"CREATE DATABASE {name}");

    /// <summary>The settings that decide a write figure, as the server reports them.</summary>
    public async Task<string> DescribeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT 'PostgreSQL ' || current_setting('server_version')
                || ', fsync=' || current_setting('fsync')
                || ', synchronous_commit=' || current_setting('synchronous_commit')
                || ', full_page_writes=' || current_setting('full_page_writes')
                || ', wal_sync_method=' || current_setting('wal_sync_method')
                || ', shared_buffers=' || current_setting('shared_buffers')
                || ', max_wal_size=' || current_setting('max_wal_size')
            """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The machine's ceiling for small durable write transactions on this cluster:
    /// <c>pgbench -i -s 10</c>, then <c>pgbench -c 8 -j 2 -T seconds -N</c>. Returns pgbench's report.
    /// </summary>
    public async Task<string> PgbenchAsync(int clients, int seconds)
    {
        await CreateDatabaseAsync("pgbench");
        var pgbench = FindBinary("pgbench");
        string[] connection = ["-h", "127.0.0.1", "-p", Port.ToString(), "-U", User];
        await RunAsync(pgbench, ["-i", "-s", "10", "-q", .. connection, "pgbench"], asRoot: false);
        await ExecuteAsync(ConnectionString("pgbench"), "CHECKPOINT");
        return await RunAsync(pgbench, ["-c", clients.ToString(), "-j", "2", "-T", seconds.ToString(), "-N", .. connection, "pgbench"], asRoot: false);
    }

    /// <summary>Process ids of the postmaster and all its children (backends, WAL writer, checkpointer …).</summary>
    public IReadOnlyList<int> ServerProcesses()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(_directory, "data", "postmaster.pid")).First());
        var ids = new List<int> { postmaster };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ProcessCpu.ParentOf(pid) == postmaster)
            {
                ids.Add(pid);
            }
        }
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(_pgCtl, ["-D", Path.Combine(_directory, "data"), "-m", "fast", "-w", "stop"], _asRoot);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

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
                $"The PostgreSQL binary '{name}' was not found on PATH or in /usr/lib/postgresql/*/bin; install postgresql-15 and postgresql-contrib.");
    }

    private static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, bool asRoot)
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
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {await error}{await output}");
        }
        return await output + await error;
    }
}

/// <summary>CPU time of processes, read from /proc, to split a run's CPU between the client and the server.</summary>
public static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static int ParentOf(int pid)
    {
        var fields = StatFields(pid);
        return fields is null ? -1 : int.Parse(fields[1]);
    }

    /// <summary>User plus system CPU of the processes, including their waited-for children, in seconds.</summary>
    public static double Seconds(IEnumerable<int> pids)
    {
        double total = 0;
        foreach (var pid in pids)
        {
            if (StatFields(pid) is { } f)
            {
                total += (long.Parse(f[11]) + long.Parse(f[12]) + long.Parse(f[13]) + long.Parse(f[14])) / TicksPerSecond;
            }
        }
        return total;
    }

    /// <summary>The fields of /proc/PID/stat after the command name: state is [0], ppid [1], utime [11], stime [12].</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
