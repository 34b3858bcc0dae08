using FlagAdmin.Storage.Contract;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>The repository contract against PostgreSQL: one database shared by all its tests, isolated by project keys.</summary>
public sealed class PostgresFlagRepositoryTests(PostgresFixture postgres) : FlagRepositoryContract, IClassFixture<PostgresFixture>
{
    protected override async Task<StoreUnderTest> CreateStoreAsync(ManualTimeProvider time)
    {
        var database = await postgres.SharedDatabaseAsync();
        var repository = TestStore.Repository(database, time);
        return new StoreUnderTest(repository, repository, time)
        {
            Reopen = () =>
            {
                var reopened = TestStore.Repository(database, time);
                return Task.FromResult(new StoreUnderTest(reopened, reopened, time));
            },
        };
    }
}
