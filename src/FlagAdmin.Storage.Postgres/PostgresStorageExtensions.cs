using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.SdkKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Storage.Postgres;

public static class PostgresStorageExtensions
{
    /// <summary>
    /// Registers the PostgreSQL store (<see cref="EfFlagRepository"/> as <see cref="IFlagRepository"/>,
    /// <see cref="IAuditLog"/> and <see cref="ISdkKeyRepository"/>) on the connection string <c>ConnectionStrings:FlagAdmin</c>. Does not touch
    /// the database: call <see cref="PostgresStorage.EnsureReachableAsync"/> and
    /// <see cref="PostgresStorage.MigrateAsync"/> at start-up.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection string is missing or malformed.</exception>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = PostgresStorage.ReadConnectionString(configuration);
        services.AddPooledDbContextFactory<FlagAdminDbContext>(options => PostgresStorage.Configure(options, connectionString));
        services.AddSingleton(provider => new EfFlagRepository(
            provider.GetRequiredService<IDbContextFactory<FlagAdminDbContext>>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IFlagRepository>(provider => provider.GetRequiredService<EfFlagRepository>());
        services.AddSingleton<IAuditLog>(provider => provider.GetRequiredService<EfFlagRepository>());
        services.AddSingleton<ISdkKeyRepository>(provider => provider.GetRequiredService<EfFlagRepository>());
        return services;
    }
}
