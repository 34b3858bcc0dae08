using FlagAdmin.Storage.Memory;
using FlagAdmin.Storage.Postgres;

namespace FlagAdmin.Web.Hosting;

/// <summary>The one place that knows which store is in use: <c>Store:Provider</c> is <c>Memory</c> (default) or <c>Postgres</c>.</summary>
public static class StorageComposition
{
    public static StoreProvider AddFlagAdminStorage(this WebApplicationBuilder builder)
    {
        var provider = ReadProvider(builder.Configuration);
        try
        {
            switch (provider)
            {
                case StoreProvider.Memory:
                    builder.Services.AddMemoryStorage(builder.Configuration);
                    break;
                case StoreProvider.Postgres:
                    builder.Services.AddPostgresStorage(builder.Configuration);
                    break;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new StartupProblem(e.Message, e);
        }
        builder.Services.AddSingleton(new StoreSelection(provider));
        return provider;
    }

    internal static StoreProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration["Store:Provider"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return StoreProvider.Memory;
        }
        return char.IsLetter(value.Trim()[0]) && Enum.TryParse<StoreProvider>(value.Trim(), ignoreCase: true, out var provider)
            ? provider
            : throw new StartupProblem($"Store:Provider is '{value}', but it must be 'Memory' or 'Postgres'.");
    }
}

public enum StoreProvider
{
    Memory,
    Postgres,
}

/// <summary>Which store the host picked; for start-up checks and the migrate command only.</summary>
public sealed record StoreSelection(StoreProvider Provider);
