using FlagAdmin.Storage.Contract;
using FlagAdmin.Testing.Postgres;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>A repository on a fresh database of the shared cluster, dropped when the store is disposed.</summary>
internal static class TestStore
{
    public static async Task<StoreUnderTest> CreateAsync(PostgresFixture postgres, ManualTimeProvider time, params IInterceptor[] interceptors)
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var repository = Repository(connectionString, time, interceptors);
        return new StoreUnderTest(repository, repository, time)
        {
            OnDispose = async () => await postgres.DropDatabaseAsync(connectionString),
        };
    }

    public static EfFlagRepository Repository(string connectionString, TimeProvider time, params IInterceptor[] interceptors) =>
        new(new PooledDbContextFactory<FlagAdminDbContext>(
            PostgresFixture.Options(connectionString, interceptors)), time);
}
