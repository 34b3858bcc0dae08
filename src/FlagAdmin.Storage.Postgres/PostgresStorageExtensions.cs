using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Stats;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Postgres.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlagAdmin.Storage.Postgres;

public static class PostgresStorageExtensions
{
    /// <summary>
    /// Registers the PostgreSQL store (<see cref="EfFlagRepository"/> as <see cref="IFlagRepository"/>,
    /// <see cref="IAuditLog"/>, <see cref="ISdkKeyRepository"/>, <see cref="IUserRepository"/> and <see cref="IStoreStatistics"/>) on the connection string
    /// <c>ConnectionStrings:FlagAdmin</c> with the <see cref="PostgresConnectionSettings"/> applied, and <see cref="PostgresChangeListener"/> (a singleton and a hosted
    /// service) that applies other processes' changes through the <see cref="IFlagChangeNotifier"/> and
    /// <see cref="SdkKeyCache"/> the host registers, and <see cref="ChangeSignal"/> (a singleton and a hosted
    /// service) that tells the other processes after each committed write, and <see cref="PostgresStoreLifetime"/> as
    /// <see cref="IStoreLifetime"/>, whose close also stops those two. Call it before registering the services that load the
    /// snapshot, so the listener starts first. Does not touch the database: call
    /// <see cref="PostgresStorage.EnsureReachableAsync"/> and <see cref="PostgresStorage.MigrateAsync"/> at start-up.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection string is missing or malformed, or a connection setting is out of range.</exception>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = PostgresConnectionSettings.Apply(PostgresStorage.ReadConnectionString(configuration), configuration);
        services.AddPooledDbContextFactory<FlagAdminDbContext>(options => PostgresStorage.Configure(options, connectionString));
        var listenerOptions = configuration.GetSection(PostgresChangeListenerOptions.Section).Get<PostgresChangeListenerOptions>()
            ?? new PostgresChangeListenerOptions();
        services.AddSingleton(provider => new ChangeSignal(
            connectionString, listenerOptions,
            provider.GetService<ILogger<ChangeSignal>>() ?? NullLogger<ChangeSignal>.Instance,
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(provider => new EfFlagRepository(
            provider.GetRequiredService<IDbContextFactory<FlagAdminDbContext>>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ChangeSignal>()));
        services.AddSingleton<IFlagRepository>(provider => provider.GetRequiredService<EfFlagRepository>());
        services.AddSingleton<IAuditLog>(provider => provider.GetRequiredService<EfFlagRepository>());
        services.AddSingleton<ISdkKeyRepository>(provider => provider.GetRequiredService<EfFlagRepository>());
        services.AddSingleton<IUserRepository>(provider => provider.GetRequiredService<EfFlagRepository>());
        services.AddSingleton<IStoreStatistics>(provider => provider.GetRequiredService<EfFlagRepository>());

        services.AddSingleton(provider => new PostgresChangeListener(
            connectionString, listenerOptions, provider,
            provider.GetService<ILogger<PostgresChangeListener>>() ?? NullLogger<PostgresChangeListener>.Instance,
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddHostedService(provider => provider.GetRequiredService<PostgresChangeListener>());
        services.AddSingleton<IStoreLifetime>(provider => new PostgresStoreLifetime(
            provider.GetRequiredService<EfFlagRepository>(), provider.GetRequiredService<PostgresChangeListener>(), provider.GetRequiredService<ChangeSignal>()));
        services.AddHostedService(provider => provider.GetRequiredService<ChangeSignal>());
        return services;
    }
}
