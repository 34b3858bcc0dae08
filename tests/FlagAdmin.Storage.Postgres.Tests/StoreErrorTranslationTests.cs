using System.Net;
using System.Net.Sockets;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Testing.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>What callers see when PostgreSQL is away or misconfigured: domain errors and one clear sentence, never Npgsql types.</summary>
public sealed class StoreErrorTranslationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly ChangeContext Alice = new("alice@example.com");

    /// <summary>A loopback port nothing listens on (taken and released at once), with a secret that must never be shown.</summary>
    private static string ClosedPortConnectionString()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"Host=127.0.0.1;Port={port};Username=flagadmin;Password=hunter2;Database=flagadmin;Timeout=3";
    }

    private static ServiceProvider Services(string? connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:FlagAdmin"] = connectionString })
            .Build();
        return new ServiceCollection().AddPostgresStorage(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task A_ping_goes_to_the_server_so_an_unreachable_one_is_store_unavailable()
    {
        var repository = TestStore.Repository(ClosedPortConnectionString(), TimeProvider.System);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => repository.PingAsync());
    }

    [Fact]
    public async Task Reads_and_writes_against_an_unreachable_server_are_store_unavailable()
    {
        var repository = TestStore.Repository(ClosedPortConnectionString(), TimeProvider.System);
        var state = new FlagStateUpdate { ProjectKey = "p", FlagKey = "f", EnvironmentKey = "e", ExpectedVersion = 1, OnVariant = "on", OffVariant = "off" };

        await Assert.ThrowsAsync<StoreUnavailableException>(() => repository.ListProjectsAsync());
        await Assert.ThrowsAsync<StoreUnavailableException>(() => repository.GetFlagAsync("p", "f"));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => repository.QueryFlagsAsync(new FlagQuery { ProjectKey = "p" }));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => repository.QueryAsync(new AuditQuery { ProjectKey = "p" }));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => repository.CreateProjectAsync(new NewProject("p", "P"), Alice));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => repository.UpdateStateAsync(state, Alice));
    }

    [Fact]
    public async Task The_start_up_check_says_which_server_cannot_be_reached_without_the_password()
    {
        await using var services = Services(ClosedPortConnectionString());

        var reach = await Assert.ThrowsAsync<PostgresStorageUnavailableException>(() => PostgresStorage.EnsureReachableAsync(services));
        var migrate = await Assert.ThrowsAsync<PostgresStorageUnavailableException>(() => PostgresStorage.MigrateAsync(services));

        foreach (var message in new[] { reach.Message, migrate.Message })
        {
            Assert.StartsWith("Cannot reach PostgreSQL at 127.0.0.1:", message);
            Assert.Contains("database 'flagadmin' as user 'flagadmin'", message);
            Assert.DoesNotContain("hunter2", message);
        }
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("  ", "is not set")]
    [InlineData("this is not a connection string", "is not a valid PostgreSQL connection string")]
    [InlineData("Host=db;Password=hunter2;Colour=blue", "is not a valid PostgreSQL connection string")]
    [InlineData("Database=flagadmin;Password=hunter2", "names no Host")]
    public void A_missing_or_malformed_connection_string_is_one_clear_sentence(string? connectionString, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Services(connectionString));

        Assert.Contains("ConnectionStrings:FlagAdmin", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Single(error.Message.Split(". ", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_registered_store_migrates_an_empty_database_and_serves_both_interfaces()
    {
        var connectionString = await postgres.CreateEmptyDatabaseAsync();
        try
        {
            await using var services = Services(connectionString);
            await PostgresStorage.EnsureReachableAsync(services);
            await PostgresStorage.MigrateAsync(services);
            await PostgresStorage.MigrateAsync(services);

            var repository = services.GetRequiredService<IFlagRepository>();
            var created = await repository.CreateProjectAsync(new NewProject("shop", "Shop"), Alice);
            var audit = await services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { ProjectKey = "shop" });

            Assert.Same(repository, services.GetRequiredService<IAuditLog>());
            Assert.Equal(created, await repository.GetProjectAsync("shop"));
            Assert.Equal(AuditAction.ProjectCreated, Assert.Single(audit.Items).Action);
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }
}
