using Npgsql;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>The connection settings the store adds to a connection string, and that a connection string can override.</summary>
public sealed class StoreDefaultsTests
{
    private const string Given = "Host=db.example.com;Database=flagadmin;Username=flagadmin";

    [Fact]
    public void A_plain_connection_string_gets_prepared_statements_and_no_session_reset()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresStorage.WithStoreDefaults(Given));

        Assert.Equal(PostgresStorage.DefaultMaxAutoPrepare, builder.MaxAutoPrepare);
        Assert.True(builder.NoResetOnClose);
        Assert.Equal("db.example.com", builder.Host);
    }

    [Theory]
    [InlineData("Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("MaxAutoPrepare=0;NoResetOnClose=false")]
    public void Settings_the_connection_string_makes_itself_are_kept(string settings)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresStorage.WithStoreDefaults($"{Given};{settings}"));

        Assert.Equal(0, builder.MaxAutoPrepare);
        Assert.False(builder.NoResetOnClose);
    }
}
