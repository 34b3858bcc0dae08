using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FlagAdmin.Storage.Postgres;

/// <summary>
/// How the <c>dotnet ef</c> tools make a context: configured exactly as the host configures it. Adding a migration or
/// checking for model changes never connects; commands that do (<c>database update</c>, <c>migrations list</c>) use
/// <c>ConnectionStrings__FlagAdmin</c> from the environment, as the host would.
/// </summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<FlagAdminDbContext>
{
    private const string Unconfigured = "Host=localhost;Database=flagadmin;Username=flagadmin";

    public FlagAdminDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable($"ConnectionStrings__{PostgresStorage.ConnectionStringName}");
        var options = new DbContextOptionsBuilder<FlagAdminDbContext>();
        PostgresStorage.Configure(options, string.IsNullOrWhiteSpace(connectionString) ? Unconfigured : connectionString);
        return new FlagAdminDbContext(options.Options);
    }
}
