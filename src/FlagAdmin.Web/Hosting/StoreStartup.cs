using FlagAdmin.Core.Flags;
using FlagAdmin.Storage.Postgres;

namespace FlagAdmin.Web.Hosting;

/// <summary>What the host does with its store before serving: open it (and say clearly why it can't), migrate when asked.</summary>
public static class StoreStartup
{
    /// <summary>The <c>migrate</c> command: applies pending migrations to the configured PostgreSQL database and exits.</summary>
    public static async Task<int> RunMigrateCommandAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<StoreSelection>().Provider != StoreProvider.Postgres)
        {
            throw new StartupProblem("The migrate command applies to PostgreSQL; set Store:Provider to Postgres and ConnectionStrings:FlagAdmin.");
        }
        await MigrateAsync(app.Services);
        Console.WriteLine("FlagAdmin: the database schema is up to date.");
        return 0;
    }

    /// <summary>Opens the store (and migrates it when <c>Store:Postgres:MigrateOnStartup</c> is true), turning failures into one sentence.</summary>
    public static async Task OpenStoreAsync(this WebApplication app)
    {
        var provider = app.Services.GetRequiredService<StoreSelection>().Provider;
        if (provider == StoreProvider.Postgres)
        {
            if (app.Configuration.GetValue("Store:Postgres:MigrateOnStartup", false))
            {
                await MigrateAsync(app.Services);
            }
            await CheckPostgresAsync(app.Services);
        }
        try
        {
            app.Services.GetRequiredService<IFlagRepository>();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new StartupProblem($"Store:Memory:DataFile cannot be used: {e.Message}", e);
        }
    }

    private static async Task MigrateAsync(IServiceProvider services)
    {
        try
        {
            await PostgresStorage.MigrateAsync(services, CancellationToken.None);
        }
        catch (PostgresStorageUnavailableException e)
        {
            throw new StartupProblem(e.Message, e);
        }
    }

    private static async Task CheckPostgresAsync(IServiceProvider services)
    {
        try
        {
            await PostgresStorage.EnsureReachableAsync(services, CancellationToken.None);
        }
        catch (PostgresStorageUnavailableException e)
        {
            throw new StartupProblem(e.Message, e);
        }
    }
}
