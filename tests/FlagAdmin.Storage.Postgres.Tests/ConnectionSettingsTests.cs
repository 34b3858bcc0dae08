using FlagAdmin.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>
/// Store:Postgres:MaxPoolSize, ConnectTimeoutSeconds and CommandTimeoutSeconds: checked when the store is registered
/// (start-up), and in force on the connections the store's contexts open.
/// </summary>
public sealed class ConnectionSettingsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Given = "Host=db.example.com;Database=flagadmin;Username=flagadmin";

    [Fact]
    public void Keys_that_are_set_reach_the_connection_string_and_win_over_it()
    {
        var applied = PostgresConnectionSettings.Apply($"{Given};Maximum Pool Size=50;Timeout=20", Configuration(Given, ("MaxPoolSize", "12"), ("ConnectTimeoutSeconds", "7"), ("CommandTimeoutSeconds", "45")));

        var builder = new NpgsqlConnectionStringBuilder(applied);
        Assert.Equal(12, builder.MaxPoolSize);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal(45, builder.CommandTimeout);
        Assert.Equal("db.example.com", builder.Host);
    }

    [Fact]
    public void Keys_that_are_not_set_leave_the_connection_string_as_it_is()
    {
        var applied = PostgresConnectionSettings.Apply($"{Given};Maximum Pool Size=50;Command Timeout=90", Configuration(Given));

        var builder = new NpgsqlConnectionStringBuilder(applied);
        Assert.Equal(50, builder.MaxPoolSize);
        Assert.Equal(90, builder.CommandTimeout);
        Assert.Equal(new NpgsqlConnectionStringBuilder().Timeout, builder.Timeout);
    }

    [Theory]
    [InlineData("MaxPoolSize", "lots", "Store:Postgres:MaxPoolSize must be a whole number from 1 to 1000, not 'lots'.")]
    [InlineData("MaxPoolSize", "0", "Store:Postgres:MaxPoolSize must be a whole number from 1 to 1000, not '0'.")]
    [InlineData("MaxPoolSize", "1001", "Store:Postgres:MaxPoolSize must be a whole number from 1 to 1000, not '1001'.")]
    [InlineData("ConnectTimeoutSeconds", "-5", "Store:Postgres:ConnectTimeoutSeconds must be a whole number from 1 to 600, not '-5'.")]
    [InlineData("ConnectTimeoutSeconds", "2.5", "Store:Postgres:ConnectTimeoutSeconds must be a whole number from 1 to 600, not '2.5'.")]
    [InlineData("CommandTimeoutSeconds", "0", "Store:Postgres:CommandTimeoutSeconds must be a whole number from 1 to 86400, not '0'.")]
    [InlineData("CommandTimeoutSeconds", "30s", "Store:Postgres:CommandTimeoutSeconds must be a whole number from 1 to 86400, not '30s'.")]
    public void A_value_out_of_range_or_not_a_number_stops_registration_with_a_sentence_naming_the_key(string key, string value, string sentence)
    {
        var services = new ServiceCollection();

        var e = Assert.Throws<InvalidOperationException>(() => services.AddPostgresStorage(Configuration(Given, (key, value))));

        Assert.Equal(sentence, e.Message);
        Assert.Empty(services);
    }

    [Fact]
    public void A_pool_smaller_than_the_connection_strings_minimum_is_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            PostgresConnectionSettings.Apply($"{Given};Minimum Pool Size=10", Configuration(Given, ("MaxPoolSize", "5"))));

        Assert.Equal("Store:Postgres:MaxPoolSize is 5, below the connection string's Minimum Pool Size of 10; raise it or lower the minimum.", e.Message);
    }

    [Fact]
    public async Task The_pool_size_and_connect_timeout_are_in_force_on_the_stores_connections()
    {
        var contexts = Contexts(await postgres.SharedDatabaseAsync(), ("MaxPoolSize", "1"), ("ConnectTimeoutSeconds", "1"));
        await using var holding = await contexts.CreateDbContextAsync();
        await holding.Database.OpenConnectionAsync();
        await using var waiting = await contexts.CreateDbContextAsync();

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => waiting.Database.OpenConnectionAsync());

        // EF Core's execution strategy wraps what Npgsql throws.
        var e = Assert.IsType<NpgsqlException>(thrown as NpgsqlException ?? thrown.InnerException);
        Assert.Contains("pool has been exhausted", e.Message);
        Assert.Contains("'Max Pool Size' (currently 1)", e.Message);
        Assert.Contains("'Timeout' (currently 1 seconds)", e.Message);
    }

    [Fact]
    public async Task The_command_timeout_is_in_force_on_the_stores_statements()
    {
        var contexts = Contexts(await postgres.SharedDatabaseAsync(), ("CommandTimeoutSeconds", "1"));
        await using var db = await contexts.CreateDbContextAsync();

        var e = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(5)"));

        Assert.IsType<TimeoutException>(e.GetBaseException());
    }

    private static IDbContextFactory<FlagAdminDbContext> Contexts(string connectionString, params (string Key, string Value)[] settings) =>
        new ServiceCollection()
            .AddPostgresStorage(Configuration(connectionString, settings))
            .BuildServiceProvider()
            .GetRequiredService<IDbContextFactory<FlagAdminDbContext>>();

    private static IConfiguration Configuration(string connectionString, params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings
                .Select(s => KeyValuePair.Create($"Store:Postgres:{s.Key}", (string?)s.Value))
                .Append(KeyValuePair.Create($"ConnectionStrings:{PostgresStorage.ConnectionStringName}", (string?)connectionString)))
            .Build();
}
