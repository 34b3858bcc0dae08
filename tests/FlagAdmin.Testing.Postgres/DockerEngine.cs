using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace FlagAdmin.Testing.Postgres;

/// <summary>
/// The few calls the fixture makes to the local Docker engine itself, over its Unix socket and without an API
/// version in the path (so any engine answers): what API version it speaks, whether an image exists, and finding
/// and removing the containers the tests share across processes. Testcontainers starts and stops them.
/// </summary>
internal sealed class DockerEngine : IDisposable
{
    public const string HowToGetIt =
        "The PostgreSQL tests need a running Docker engine: run ./test.sh (it installs and starts one on Debian), or install Docker and start it.";

    private readonly HttpClient _http;

    private DockerEngine(HttpClient http, Version apiVersion)
    {
        _http = http;
        ApiVersion = apiVersion;
    }

    /// <summary>The newest API version the engine speaks.</summary>
    public Version ApiVersion { get; }

    /// <summary>The socket <c>DOCKER_HOST</c> names (<c>unix://</c> only), else the usual ones.</summary>
    public static string SocketPath()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(host))
        {
            return host.StartsWith("unix://", StringComparison.Ordinal)
                ? host["unix://".Length..]
                : throw new InvalidOperationException(
                    $"DOCKER_HOST is '{host}', but the PostgreSQL tests share one container through a local engine's Unix socket (unix://…).");
        }
        var desktop = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "run", "docker.sock");
        return File.Exists("/var/run/docker.sock") || !File.Exists(desktop) ? "/var/run/docker.sock" : desktop;
    }

    /// <exception cref="InvalidOperationException">No engine answers; the message says how to get one.</exception>
    public static async Task<DockerEngine> ConnectAsync()
    {
        var socket = SocketPath();
        var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var connection = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await connection.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
                    return new NetworkStream(connection, ownsSocket: true);
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            },
        })
        // Removing a container that held a test run's databases deletes gigabytes: a minute on a busy machine.
        { BaseAddress = new Uri("http://docker/"), Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            var version = await http.GetFromJsonAsync<JsonElement>("version");
            return new DockerEngine(http, Version.Parse(version.GetProperty("ApiVersion").GetString()!));
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException)
        {
            http.Dispose();
            throw new InvalidOperationException($"{HowToGetIt} (No engine answered at {socket}: {e.GetBaseException().Message})", e);
        }
    }

    public async Task<bool> ImageExistsAsync(string image)
    {
        using var response = await _http.GetAsync($"images/{Uri.EscapeDataString(image)}/json");
        return response.IsSuccessStatusCode;
    }

    /// <summary>The container named <paramref name="name"/>: whether it runs and the host port its 5432 is published on.</summary>
    public async Task<(string Id, bool Running, int? Port)?> FindContainerAsync(string name)
    {
        using var response = await _http.GetAsync($"containers/{Uri.EscapeDataString(name)}/json");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        var container = await response.Content.ReadFromJsonAsync<JsonElement>();
        var running = container.GetProperty("State").GetProperty("Running").GetBoolean();
        int? port = container.GetProperty("NetworkSettings").GetProperty("Ports").TryGetProperty("5432/tcp", out var bindings)
            && bindings.ValueKind == JsonValueKind.Array && bindings.GetArrayLength() > 0
                ? int.Parse(bindings[0].GetProperty("HostPort").GetString()!)
                : null;
        return (container.GetProperty("Id").GetString()!, running, port);
    }

    /// <summary>Ids of every container, running or not, that carries <paramref name="label"/> with <paramref name="value"/>.</summary>
    public async Task<List<string>> ContainersLabelledAsync(string label, string value)
    {
        var filters = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [$"{label}={value}"] }));
        var containers = await _http.GetFromJsonAsync<JsonElement>($"containers/json?all=true&filters={filters}");
        return containers.EnumerateArray().Select(c => c.GetProperty("Id").GetString()!).ToList();
    }

    /// <summary>Stops and removes a container with its anonymous volumes; one already gone is fine.</summary>
    public async Task RemoveAsync(string id)
    {
        using var response = await _http.DeleteAsync($"containers/{Uri.EscapeDataString(id)}?force=true&v=true");
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Conflict))
        {
            response.EnsureSuccessStatusCode();
        }
    }

    public void Dispose() => _http.Dispose();
}
