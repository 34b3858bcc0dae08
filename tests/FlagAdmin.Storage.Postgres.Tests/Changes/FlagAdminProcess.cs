using System.Globalization;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Serving;
using FlagAdmin.Storage.Postgres.Changes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace FlagAdmin.Storage.Postgres.Tests.Changes;

/// <summary>
/// What one FlagAdmin process holds, composed as the host composes it (<c>AddPostgresStorage</c>, then a
/// snapshot store as the change notifier and an SDK key cache) in a service provider of its own, with its
/// hosted services started. Two of these on one database stand for two processes.
/// </summary>
internal sealed class FlagAdminProcess : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _hosted;

    private FlagAdminProcess(ServiceProvider services, List<IHostedService> hosted)
    {
        _services = services;
        _hosted = hosted;
    }

    public FlagSnapshotStore Snapshots => _services.GetRequiredService<FlagSnapshotStore>();
    public PostgresChangeListener Listener => _services.GetRequiredService<PostgresChangeListener>();
    public ChangeSignal Signal => _services.GetRequiredService<ChangeSignal>();
    public IStoreLifetime Lifetime => _services.GetRequiredService<IStoreLifetime>();
    public SdkKeyCache Keys => _services.GetRequiredService<SdkKeyCache>();
    public SdkKeyService KeyService => new(_services.GetRequiredService<ISdkKeyRepository>(), Keys, TimeProvider.System);

    /// <summary>The use cases, telling this process's snapshot store after every write as the host's do.</summary>
    public FlagService Service => new(
        _services.GetRequiredService<IFlagRepository>(), _services.GetRequiredService<IAuditLog>(), Snapshots);

    /// <param name="name">The application name of its connections, which also gives it connection pools of its own.</param>
    public static async Task<FlagAdminProcess> StartAsync(string connectionString, string name, TimeSpan pollInterval, TimeSpan? reconnectDelay = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:FlagAdmin"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString,
            [$"{PostgresChangeListenerOptions.Section}:PollInterval"] = pollInterval.ToString("c", CultureInfo.InvariantCulture),
            [$"{PostgresChangeListenerOptions.Section}:ReconnectDelay"] = (reconnectDelay ?? TimeSpan.FromMilliseconds(200)).ToString("c", CultureInfo.InvariantCulture),
            [$"{PostgresChangeListenerOptions.Section}:MaxReconnectDelay"] = "00:00:01",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddPostgresStorage(configuration);
        services.AddSingleton<FlagSnapshotStore>();
        services.AddSingleton<IFlagChangeNotifier>(provider => provider.GetRequiredService<FlagSnapshotStore>());
        services.AddSingleton<SdkKeyCache>();
        var provider = services.BuildServiceProvider();

        // As the host does: hosted services start in registration order, then the snapshot loads.
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }
        await provider.GetRequiredService<FlagSnapshotStore>().LoadAllAsync();
        return new FlagAdminProcess(provider, hosted);
    }

    /// <summary>Whether this process serves <paramref name="flagKey"/> as enabled in <paramref name="environmentKey"/>.</summary>
    public bool? ServesEnabled(string projectKey, string environmentKey, string flagKey) =>
        Snapshots.Find(projectKey, environmentKey)?.Find(flagKey)?.IsEnabled;

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }
        await _services.DisposeAsync();
    }
}

internal static class Eventually
{
    /// <summary>
    /// Waits until <paramref name="condition"/> holds; fails after a deadline far beyond anything expected, so
    /// the test asserts the outcome, never a timing.
    /// </summary>
    public static Task HoldsAsync(Func<bool> condition, string what) => HoldsAsync(() => Task.FromResult(condition()), what);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still not true after 60 s: {what}");
            await Task.Delay(20);
        }
    }
}

/// <summary>Writes made beside the repository, to stage what the repository itself never does.</summary>
internal static class RawWrites
{
    /// <summary>Sets a state's <c>enabled</c> and appends its audit entry, as the repository's toggle does, on <paramref name="connection"/>.</summary>
    public static async Task ToggleAsync(NpgsqlConnection connection, string projectKey, string flagKey, string environmentKey, bool enabled)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE flag_states SET enabled = @enabled, updated_by = 'raw', updated_at = now()
            WHERE project_key = @project AND flag_key = @flag AND environment_key = @environment;
            INSERT INTO audit_entries (at, actor, action, project_key, environment_key, flag_key)
            VALUES (now(), 'raw', 'FlagToggled', @project, @environment, @flag);
            """, connection);
        command.Parameters.AddWithValue("enabled", enabled);
        command.Parameters.AddWithValue("project", projectKey);
        command.Parameters.AddWithValue("flag", flagKey);
        command.Parameters.AddWithValue("environment", environmentKey);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
