using FlagAdmin.Core.Flags;
using FlagAdmin.Storage.Postgres;

namespace FlagAdmin.Web.Hosting;

/// <summary>
/// What the host does with its store before serving: open it (and say clearly why it can't), and on PostgreSQL check that
/// the database's schema is the one this build expects, migrating first when asked.
/// </summary>
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

    /// <summary>
    /// Opens the store, turning failures into one sentence. On PostgreSQL the database must be reachable and have
    /// exactly this build's migrations: pending ones are applied when <c>Store:Postgres:MigrateOnStartup</c> is true
    /// and refused otherwise; a schema newer than the build is always refused.
    /// </summary>
    public static async Task OpenStoreAsync(this WebApplication app)
    {
        var provider = app.Services.GetRequiredService<StoreSelection>().Provider;
        if (provider == StoreProvider.Postgres)
        {
            if (app.Configuration.GetValue("Store:Postgres:MigrateOnStartup", false))
            {
                await MigrateAsync(app.Services);
            }
            else
            {
                RequireCurrent(await CompareSchemaAsync(app.Services));
            }
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

    /// <summary>Migrates a database that is behind this build; refuses one that is ahead of it, before touching it.</summary>
    private static async Task MigrateAsync(IServiceProvider services)
    {
        var schema = await CompareSchemaAsync(services);
        RefuseNewer(schema);
        if (schema.Pending.Count == 0)
        {
            return;
        }
        await Translated(async () =>
        {
            await PostgresStorage.MigrateAsync(services, CancellationToken.None);
            return true;
        });
    }

    private static Task<SchemaStatus> CompareSchemaAsync(IServiceProvider services) => Translated(async () =>
    {
        await PostgresStorage.EnsureReachableAsync(services, CancellationToken.None);
        return await PostgresSchema.CompareAsync(services, CancellationToken.None);
    });

    private static void RequireCurrent(SchemaStatus schema)
    {
        RefuseNewer(schema);
        if (schema.IsEmpty)
        {
            throw new StartupProblem($"{schema.Database} has no FlagAdmin schema yet; {HowToMigrate}.");
        }
        if (schema.Pending.Count > 0)
        {
            throw new StartupProblem(
                $"{schema.Database} lacks {Count(schema.Pending.Count, "migration")} of this build ({string.Join(", ", schema.Pending)}); {HowToMigrate}.");
        }
    }

    private static void RefuseNewer(SchemaStatus schema)
    {
        if (schema.Unknown.Count > 0)
        {
            throw new StartupProblem(
                $"{schema.Database} was migrated by a newer FlagAdmin ({Count(schema.Unknown.Count, "migration")} this build does not know: {string.Join(", ", schema.Unknown)}); run that version or a later one against it.");
        }
    }

    private const string HowToMigrate =
        "apply the schema with the migrate command (dotnet FlagAdmin.Web.dll migrate, with the same settings) or set Store:Postgres:MigrateOnStartup=true";

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static async Task<T> Translated<T>(Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (PostgresStorageUnavailableException e)
        {
            throw new StartupProblem(e.Message, e);
        }
    }
}
