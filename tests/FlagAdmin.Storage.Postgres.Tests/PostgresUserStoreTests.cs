using System.Net;
using System.Net.Sockets;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>The user store's PostgreSQL-only concerns: what callers see when the server is away, and its registration.</summary>
public sealed class PostgresUserStoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly ChangeContext Admin = new("admin@example.com");

    private static readonly User Ann = new()
    {
        Id = "usr_ann",
        Email = "ann@example.com",
        DisplayName = "Ann",
        Role = Role.Admin,
        PasswordHash = "hash",
        CreatedBy = "-",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedBy = "-",
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    private static string ClosedPortConnectionString()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"Host=127.0.0.1;Port={port};Username=flagadmin;Password=hunter2;Database=flagadmin;Timeout=3";
    }

    [Fact]
    public async Task Every_user_and_token_call_against_an_unreachable_server_is_store_unavailable()
    {
        IUserRepository users = TestStore.Repository(ClosedPortConnectionString(), TimeProvider.System);
        var token = new AccessToken { Id = "tok_1", UserId = Ann.Id, Name = "ci", Role = Role.Viewer, Prefix = "fa_pat_", SecretHash = "00", CreatedAt = DateTimeOffset.UnixEpoch };

        await Assert.ThrowsAsync<StoreUnavailableException>(() => users.CountUsersAsync());
        await Assert.ThrowsAsync<StoreUnavailableException>(() => users.ListUsersAsync());
        await Assert.ThrowsAsync<StoreUnavailableException>(() => users.FindUserAsync(Ann.Id));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => users.FindUserByEmailAsync(Ann.Email));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => users.CreateUserAsync(Ann, onlyIfNoUsers: true, Admin));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => users.UpdateUserAsync(Ann, 1, Admin));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => users.RecordSignInAsync(Ann.Id, 1, null, null));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => users.CreateTokenAsync(token, Admin));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => users.ListTokensAsync(Ann.Id));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => users.FindTokenByHashAsync("00"));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => users.RevokeTokenAsync(Ann.Id, token.Id, 1, Admin));
    }

    [Fact]
    public async Task The_registered_store_serves_users_from_the_same_repository_as_flags()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:FlagAdmin"] = connectionString })
                .Build();
            await using var services = new ServiceCollection().AddPostgresStorage(configuration).BuildServiceProvider();

            var users = services.GetRequiredService<IUserRepository>();
            var created = await users.CreateUserAsync(Ann, onlyIfNoUsers: true, Admin);

            Assert.Same(services.GetRequiredService<IFlagRepository>(), users);
            Assert.Equal(created, await users.FindUserByEmailAsync("ANN@example.com"));
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }
}
