using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Ui.Audit;

/// <summary>
/// The host with a hand-set clock and a project "shop" (development, production) holding flags "checkout" and
/// "search", for the audit trail tests on either store.
/// </summary>
public sealed class AuditTrailSite : IAsyncDisposable
{
    public static readonly ChangeContext Ada = new("ada@example.com");
    public static readonly ChangeContext Bob = new("bob@example.com");

    private readonly FlagAdminFactory _host;
    private readonly WebApplicationFactory<Program> _factory;

    private AuditTrailSite(FlagAdminFactory host, Func<AuditTrailSite, WebApplicationFactory<Program>> configure)
    {
        _host = host;
        _factory = configure(this);
    }

    public SettableClock Clock { get; } = new();

    public FlagService Flags => _factory.Services.GetRequiredService<FlagService>();

    public static async Task<AuditTrailSite> StartAsync(FlagAdminFactory host)
    {
        var site = new AuditTrailSite(host, self => host.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(self.Clock))));
        await site.Flags.CreateProjectAsync(new NewProject("shop", "Shop"), Ada);
        await site.Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "development", "Development", 1), Ada);
        await site.Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 2, Protected: true), Ada);
        await site.Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "checkout", Name = "New checkout" }, Ada);
        await site.Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "search", Name = "Search v2" }, Ada);
        return site;
    }

    public HttpClient Client() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Turns a flag on or off in an environment as <paramref name="who"/>, one minute after the previous change.</summary>
    public async Task<FlagState> ToggleAsync(string flag, string environment, bool on, ChangeContext who)
    {
        Clock.Now += TimeSpan.FromMinutes(1);
        var state = (await Flags.GetFlagAsync("shop", flag)).StateIn(environment)!;
        return await Flags.SetEnabledAsync("shop", flag, environment, on, state.Version, who);
    }

    public async Task<FlagState> SetRolloutAsync(string flag, string environment, int basisPoints, ChangeContext who)
    {
        Clock.Now += TimeSpan.FromMinutes(1);
        var state = (await Flags.GetFlagAsync("shop", flag)).StateIn(environment)!;
        return await Flags.SetRolloutAsync("shop", flag, environment, basisPoints, state.Version, who);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _host.DisposeAsync();
    }
}
