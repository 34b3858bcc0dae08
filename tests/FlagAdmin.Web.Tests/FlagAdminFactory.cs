using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests;

/// <summary>The host in-process on a store picked by configuration, as <c>Store:Provider</c> would pick it in production.</summary>
public sealed class FlagAdminFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? testServices = null) : WebApplicationFactory<Program>
{
    public static FlagAdminFactory Memory() => new(new Dictionary<string, string?> { ["Store:Provider"] = "Memory" });

    public static FlagAdminFactory Postgres(string connectionString) => new(PostgresSettings(connectionString));

    public static Dictionary<string, string?> PostgresSettings(string connectionString) => new()
    {
        ["Store:Provider"] = "Postgres",
        ["ConnectionStrings:FlagAdmin"] = connectionString,
        ["Store:Postgres:MigrateOnStartup"] = "true",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Test hosts run in Development on the memory store; they start with no user unless a test asks for the demo admin.
        builder.UseSetting("Auth:DemoAdmin", "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddTestSignIn();
            testServices?.Invoke(services);
        });
    }
}
