using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Stats;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Storage.Memory;

public static class MemoryStorageExtensions
{
    /// <summary>
    /// Registers the embedded store. <c>Store:Memory:DataFile</c> names the file that keeps it across
    /// restarts (none: data lives only as long as the process); <c>Store:Memory:FlushToDisk</c> (default
    /// true) waits for the disk before acknowledging a write. One <see cref="MemoryFlagRepository"/> serves every
    /// store interface, <see cref="IStoreLifetime"/> included.
    /// </summary>
    public static IServiceCollection AddMemoryStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var dataFile = configuration["Store:Memory:DataFile"];
        var flushToDisk = !string.Equals(configuration["Store:Memory:FlushToDisk"], "false", StringComparison.OrdinalIgnoreCase);
        services.AddSingleton(provider =>
        {
            var time = provider.GetService<TimeProvider>() ?? TimeProvider.System;
            return string.IsNullOrWhiteSpace(dataFile)
                ? new MemoryFlagRepository(time)
                : new MemoryFlagRepository(time, dataFile, flushToDisk);
        });
        services.AddSingleton<IFlagRepository>(provider => provider.GetRequiredService<MemoryFlagRepository>());
        services.AddSingleton<IAuditLog>(provider => provider.GetRequiredService<MemoryFlagRepository>());
        services.AddSingleton<ISdkKeyRepository>(provider => provider.GetRequiredService<MemoryFlagRepository>());
        services.AddSingleton<IUserRepository>(provider => provider.GetRequiredService<MemoryFlagRepository>());
        services.AddSingleton<IStoreStatistics>(provider => provider.GetRequiredService<MemoryFlagRepository>());
        services.AddSingleton<IStoreLifetime>(provider => provider.GetRequiredService<MemoryFlagRepository>());
        return services;
    }
}
