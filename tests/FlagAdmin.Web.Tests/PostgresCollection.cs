using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests;

/// <summary>
/// Runs its test classes one at a time on one fixture. Prefer <c>IClassFixture&lt;PostgresFixture&gt;</c>, which lets
/// PostgreSQL test classes run in parallel (each on databases of its own); this collection stays for tests that
/// must not overlap.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
