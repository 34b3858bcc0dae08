using System.Net;
using System.Net.Sockets;
using Npgsql;
using Testcontainers.PostgreSql;
using Xunit;

namespace FlagAdmin.Testing.Postgres;

/// <summary>
/// A PostgreSQL container of its own, for outage tests: <see cref="StopAsync"/> and <see cref="StartAsync"/> stop and
/// start it as an operator would, and it keeps its host port across restarts (Docker would pick a new one otherwise),
/// so connection strings handed out stay valid. Stopping the shared container would fail every other test running.
/// </summary>
public sealed class StoppablePostgres : IAsyncLifetime
{
    private PostgreSqlContainer? _container;

    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await SharedPostgresContainer.EnsureJoinedAsync();
        var image = await TestcontainersSetup.ImageAsync();
        var port = FreeLoopbackPort();
        _container = SharedPostgresContainer.Builder(image).WithPortBinding(port, PostgreSqlBuilder.PostgreSqlPort).Build();
        await _container.StartAsync();
        Server = new PostgresServer(port);
        await Server.EnsureTemplateAsync();
    }

    /// <summary>Stops the server (fast shutdown: sessions are ended); its data stays.</summary>
    public Task StopAsync() => _container!.StopAsync();

    /// <summary>
    /// Starts it again on the same port and returns once it accepts connections. Only the fixture's own pooled
    /// connections are renewed; what the code under test pooled before the stop is its own business.
    /// </summary>
    public async Task StartAsync()
    {
        await _container!.StartAsync();
        await using var admin = new NpgsqlConnection(Server.AdminConnectionString);
        NpgsqlConnection.ClearPool(admin);
    }

    public async Task DisposeAsync()
    {
        if (_container is null)
        {
            return;
        }
        var id = _container.Id;
        await _container.DisposeAsync();
        // Where Ryuk is off, disposing only stops a container.
        using var engine = await DockerEngine.ConnectAsync();
        await engine.RemoveAsync(id);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
