using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Storage.Postgres;
using FlagAdmin.Storage.Postgres.Changes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FlagAdmin.Benchmarks.Postgres;

/// <summary>
/// A migrated database holding <see cref="Catalogue"/>'s catalogue, and the repository on it composed exactly as
/// the host composes it (<see cref="PostgresStorageExtensions.AddPostgresStorage"/>).
/// </summary>
public sealed class PostgresCatalogue : IAsyncDisposable
{
    private static readonly ChangeContext Seeder = new("seeder@example.com");
    private readonly ServiceProvider _services;

    private PostgresCatalogue(PostgresCluster cluster, ServiceProvider services, string connectionString)
    {
        Cluster = cluster;
        _services = services;
        ConnectionString = connectionString;
    }

    public PostgresCluster Cluster { get; }
    public string ConnectionString { get; }
    public IFlagRepository Repository => _services.GetRequiredService<IFlagRepository>();

    private readonly List<IHostedService> _started = [];

    /// <summary>The repository's change signal: how many NOTIFYs its writes caused.</summary>
    public ChangeSignal Signal => _services.GetRequiredService<ChangeSignal>();

    /// <summary>
    /// Starts the hosted services of the repository's composition, as the host would: above all the change signal,
    /// which sends a NOTIFY after committed writes. Without this, the repository's writes tell no other process.
    /// </summary>
    public async Task StartHostedServicesAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
            _started.Add(service);
        }
    }

    /// <summary>
    /// Starts a durable cluster, migrates a database and fills it with <paramref name="flags"/> flags;
    /// <paramref name="connectionOptions"/> (e.g. <c>Multiplexing=true</c>) is appended to the connection string.
    /// </summary>
    public static async Task<PostgresCatalogue> CreateAsync(int flags, string connectionOptions = "")
    {
        var cluster = await PostgresCluster.StartAsync();
        await cluster.CreateDatabaseAsync("flagadmin");
        var connectionString = cluster.ConnectionString("flagadmin") + (connectionOptions.Length > 0 ? ";" + connectionOptions : "");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{PostgresStorage.ConnectionStringName}"] = connectionString })
            .Build();
        var services = new ServiceCollection().AddPostgresStorage(configuration).BuildServiceProvider();
        await PostgresStorage.MigrateAsync(services);
        var catalogue = new PostgresCatalogue(cluster, services, connectionString);
        await catalogue.FillAsync(flags);
        return catalogue;
    }

    /// <summary>
    /// The project, its environments and the first flag go through the repository; the rest are copies of that
    /// flag made by one INSERT … SELECT each, shaped like <see cref="Catalogue"/>'s (names, tags, owners),
    /// because 100,000 durable commits would take minutes.
    /// </summary>
    private async Task FillAsync(int flags)
    {
        var repository = Repository;
        await repository.CreateProjectAsync(new NewProject(Catalogue.Project, "Benchmark"), Seeder);
        await repository.CreateEnvironmentAsync(new NewEnvironment(Catalogue.Project, "development", "Development", 10), Seeder);
        await repository.CreateEnvironmentAsync(new NewEnvironment(Catalogue.Project, "staging", "Staging", 20), Seeder);
        await repository.CreateEnvironmentAsync(new NewEnvironment(Catalogue.Project, "production", "Production", 30, true), Seeder);
        var template = Catalogue.KeyOf(0);
        await repository.CreateFlagAsync(FlagValidator.Normalize(new NewFlag
        {
            ProjectKey = Catalogue.Project,
            Key = template,
            Name = "Flag number 0",
            Description = "Benchmark flag 0 owned by team-pay",
            Tags = ["web", "wave-0"],
            Owner = "team-pay",
        }), Seeder);
        await PostgresCluster.ExecuteAsync(ConnectionString, $"""
            INSERT INTO flags (project_key, key, name, description, kind, variant_type, variants, tags, owner, archived,
                               created_by, created_at, updated_by, updated_at)
            SELECT f.project_key, 'flag-' || lpad(i::text, 6, '0'), 'Flag number ' || i,
                   'Benchmark flag ' || i || ' owned by ' || (ARRAY['team-pay', 'team-search', 'team-web', 'team-growth'])[i % 4 + 1],
                   f.kind, f.variant_type, f.variants,
                   ARRAY[CASE WHEN i % 2 = 0 THEN 'web' ELSE 'mobile' END, 'wave-' || (i % 10)],
                   (ARRAY['team-pay', 'team-search', 'team-web', 'team-growth'])[i % 4 + 1], false,
                   f.created_by, f.created_at + i * interval '1 millisecond', f.updated_by, f.updated_at + i * interval '1 millisecond'
            FROM flags f CROSS JOIN generate_series(1, {flags - 1}) AS i
            WHERE f.project_key = '{Catalogue.Project}' AND f.key = '{template}';
            INSERT INTO flag_states (project_key, flag_key, environment_key, enabled, rollout_basis_points, on_variant, off_variant,
                                     rules, config, updated_by, updated_at)
            SELECT s.project_key, f.key, s.environment_key, s.enabled, s.rollout_basis_points, s.on_variant, s.off_variant,
                   s.rules, s.config, s.updated_by, f.updated_at
            FROM flag_states s JOIN flags f ON f.project_key = s.project_key AND f.key <> s.flag_key
            WHERE s.project_key = '{Catalogue.Project}' AND s.flag_key = '{template}';
            """);
        await PostgresCluster.ExecuteAsync(ConnectionString, "VACUUM ANALYZE");
        await PostgresCluster.ExecuteAsync(ConnectionString, "CHECKPOINT");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_started))
        {
            await service.StopAsync(CancellationToken.None);
        }
        await _services.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
