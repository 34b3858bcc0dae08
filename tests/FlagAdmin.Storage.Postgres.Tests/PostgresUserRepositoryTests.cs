using FlagAdmin.Storage.Contract;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>The user contract against PostgreSQL: a fresh database per test, because the contract counts users and admins.</summary>
public sealed class PostgresUserRepositoryTests(PostgresFixture postgres) : UserRepositoryContract, IClassFixture<PostgresFixture>
{
    protected override Task<StoreUnderTest> CreateStoreAsync(ManualTimeProvider time) => TestStore.CreateAsync(postgres, time);
}
