using System.Globalization;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace FlagAdmin.Storage.Postgres;

/// <summary>
/// Connection settings operators set as configuration keys rather than inside the connection string:
/// <c>Store:Postgres:MaxPoolSize</c>, <c>Store:Postgres:ConnectTimeoutSeconds</c> and
/// <c>Store:Postgres:CommandTimeoutSeconds</c>. A key that is set wins over the same setting in the connection
/// string; one that is not leaves the connection string's value, or Npgsql's default (100, 15 s, 30 s).
/// </summary>
public static class PostgresConnectionSettings
{
    public const string MaxPoolSizeKey = "Store:Postgres:MaxPoolSize";
    public const string ConnectTimeoutKey = "Store:Postgres:ConnectTimeoutSeconds";
    public const string CommandTimeoutKey = "Store:Postgres:CommandTimeoutSeconds";

    /// <summary><paramref name="connectionString"/> with the keys of <paramref name="configuration"/> that are set.</summary>
    /// <exception cref="InvalidOperationException">A key is not a whole number in its range; the message names it.</exception>
    public static string Apply(string connectionString, IConfiguration configuration)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (Read(configuration, MaxPoolSizeKey, min: 1, max: 1000) is { } maxPoolSize)
        {
            if (maxPoolSize < builder.MinPoolSize)
            {
                throw new InvalidOperationException(
                    $"{MaxPoolSizeKey} is {maxPoolSize}, below the connection string's Minimum Pool Size of {builder.MinPoolSize}; raise it or lower the minimum.");
            }
            builder.MaxPoolSize = maxPoolSize;
        }
        if (Read(configuration, ConnectTimeoutKey, min: 1, max: 600) is { } connectTimeout)
        {
            builder.Timeout = connectTimeout;
        }
        if (Read(configuration, CommandTimeoutKey, min: 1, max: 86_400) is { } commandTimeout)
        {
            builder.CommandTimeout = commandTimeout;
        }
        return builder.ConnectionString;
    }

    private static int? Read(IConfiguration configuration, string key, int min, int max)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new InvalidOperationException($"{key} must be a whole number from {min} to {max}, not '{value}'.");
    }
}
