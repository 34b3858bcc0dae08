using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
