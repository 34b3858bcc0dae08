using System.Security.Cryptography;
using System.Text;
using Testcontainers.PostgreSql;

namespace FlagAdmin.Testing.Postgres;

/// <summary>
/// One PostgreSQL container for every test process of this checkout running at the same time (<c>dotnet test</c> runs
/// the test projects as parallel processes). A process holds a shared lock on a lease file for as long as it lives;
/// the first to come starts the container, the last to leave removes it, and a gate file makes them take turns.
/// The kernel drops a dead process's locks, so a run that crashed leaves no lease, and the next run replaces what
/// it left behind (the shared container, and any container of <see cref="StoppablePostgres"/>).
/// </summary>
internal static class SharedPostgresContainer
{
    /// <summary>Marks every container of this checkout's tests; its value is <see cref="Checkout"/>.</summary>
    public const string Label = "flagadmin.tests.checkout";

    private static readonly TimeSpan GateTimeout = TimeSpan.FromMinutes(10);

    /// <summary>A short name for this checkout, so checkouts of other branches on the machine use containers of their own.</summary>
    public static readonly string Checkout = Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(CheckoutRoot())))[..12];

    private static readonly string LockPrefix = Path.Combine(Path.GetTempPath(), $"flagadmin-tests-{Checkout}");
    private static readonly Lazy<Task<PostgresServer>> Joined = new(JoinAsync);
    private static FileStream? _lease;

    /// <summary>The shared server; the first call in a process joins (or starts) it and leaves it when the process exits.</summary>
    public static Task<PostgresServer> ServerAsync() => Joined.Value;

    /// <summary>Registers this process as a user of the checkout's containers, for <see cref="StoppablePostgres"/> too.</summary>
    public static async Task EnsureJoinedAsync() => await ServerAsync();

    /// <summary>A PostgreSQL builder as every fixture uses it: labelled, published on loopback only.</summary>
    public static PostgreSqlBuilder Builder(string image) =>
        new PostgreSqlBuilder(image)
            .WithUsername(PostgresServer.User)
            .WithPassword(PostgresServer.Password)
            .WithLabel(Label, Checkout)
            .WithCommand("-c", "max_connections=500")
            .WithCreateParameterModifier(parameters =>
            {
                foreach (var binding in parameters.HostConfig?.PortBindings?.Values.SelectMany(bindings => bindings ?? []) ?? [])
                {
                    binding.HostIP = "127.0.0.1";
                }
            });

    private static async Task<PostgresServer> JoinAsync()
    {
        var image = await TestcontainersSetup.ImageAsync();
        using var engine = await DockerEngine.ConnectAsync();
        var name = $"flagadmin-tests-{Checkout}";
        int port;
        await using (await FileLock.TakeExclusiveAsync(LockPrefix + ".gate", GateTimeout))
        {
            var inUse = !FileLock.IsFree(LockPrefix + ".lease");
            if (inUse && await engine.FindContainerAsync(name) is { Running: true, Port: int running })
            {
                port = running;
            }
            else
            {
                await RemoveAllAsync(engine);
                // Not reaped by Ryuk when this process exits: other processes may still use it. The last one removes it.
                var container = Builder(image).WithName(name).WithCleanUp(false).Build();
                await container.StartAsync();
                port = container.GetMappedPublicPort(PostgreSqlBuilder.PostgreSqlPort);
            }
            _lease = FileLock.TryTake(LockPrefix + ".lease", exclusive: false)
                ?? throw new InvalidOperationException($"Could not take a lease on {LockPrefix}.lease.");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                LeaveAsync().GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                // Best effort: the next run finds no lease and replaces what is left.
                Console.Error.WriteLine($"The PostgreSQL test container could not be removed: {e.Message}");
            }
        };
        return new PostgresServer(port);
    }

    private static async Task LeaveAsync()
    {
        await using (await FileLock.TakeExclusiveAsync(LockPrefix + ".gate", GateTimeout))
        {
            _lease?.Dispose();
            if (FileLock.IsFree(LockPrefix + ".lease"))
            {
                using var engine = await DockerEngine.ConnectAsync();
                await RemoveAllAsync(engine);
            }
        }
    }

    private static async Task RemoveAllAsync(DockerEngine engine)
    {
        foreach (var id in await engine.ContainersLabelledAsync(Label, Checkout))
        {
            await engine.RemoveAsync(id);
        }
    }

    /// <summary>The folder holding FlagAdmin.sln above the running assembly (its own folder when there is none).</summary>
    private static string CheckoutRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FlagAdmin.sln")))
            {
                return folder.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}
