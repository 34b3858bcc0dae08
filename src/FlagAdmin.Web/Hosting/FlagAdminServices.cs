using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Stats;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Hosting;

public static class FlagAdminServices
{
    /// <summary>The use cases on top of whichever store <see cref="StorageComposition"/> picked.</summary>
    public static IServiceCollection AddFlagAdmin(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<FlagService>();
        services.AddSingleton<UserService>();
        services.AddSingleton<StoreStatisticsService>();
        return services;
    }
}
