using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Serving;
using FlagAdmin.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace FlagAdmin.Benchmarks.Postgres;

/// <summary>
/// What one FlagAdmin process holds, composed as the host composes it: <c>AddPostgresStorage</c> (repository,
/// change listener, change signal), a <see cref="FlagSnapshotStore"/> as the change notifier and an SDK key
/// cache, hosted services started and every snapshot loaded. Two of these on one database stand for two
/// processes (as tests/FlagAdmin.Storage.Postgres.Tests' FlagAdminProcess does); each has connection pools of
/// its own, since its connections carry its name as their application name.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _hosted;

    private ServiceProcess(ServiceProvider services, List<IHostedService> hosted)
    {
        _services = services;
        _hosted = hosted;
    }

    public FlagSnapshotStore Snapshots => _services.GetRequiredService<FlagSnapshotStore>();

    /// <summary>The use cases, telling this process's snapshot store after every write as the host's do.</summary>
    public FlagService Service => new(
        _services.GetRequiredService<IFlagRepository>(), _services.GetRequiredService<IAuditLog>(), Snapshots);

    public static async Task<ServiceProcess> StartAsync(string connectionString, string name)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{PostgresStorage.ConnectionStringName}"] =
                new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddPostgresStorage(configuration);
        services.AddSingleton<FlagSnapshotStore>();
        services.AddSingleton<IFlagChangeNotifier>(provider => provider.GetRequiredService<FlagSnapshotStore>());
        services.AddSingleton<SdkKeyCache>();
        var provider = services.BuildServiceProvider();
        // As the host does: hosted services start in registration order (the listener first), then the snapshot loads.
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }
        await provider.GetRequiredService<FlagSnapshotStore>().LoadAllAsync();
        return new ServiceProcess(provider, hosted);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }
        await _services.DisposeAsync();
    }
}
