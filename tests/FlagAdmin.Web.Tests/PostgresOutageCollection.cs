using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests;

/// <summary>Tests that stop and start PostgreSQL share a container of their own, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresOutageCollection : ICollectionFixture<StoppablePostgres>
{
    public const string Name = "PostgreSQL outage";
}
