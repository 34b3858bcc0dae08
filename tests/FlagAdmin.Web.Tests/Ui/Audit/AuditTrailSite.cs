using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Ui.Audit;

/// <summary>
/// A <see cref="TestSite"/> on a hand-set clock with a project "shop" (development, production) holding flags
/// "checkout" and "search", and changes made a minute apart, for the audit trail tests on either store.
/// </summary>
public sealed class AuditTrailSite : IAsyncDisposable
{
    public static readonly ChangeContext Ada = new("ada@example.com");
    public static readonly ChangeContext Bob = new("bob@example.com");

    private readonly TestSite _site;

    private AuditTrailSite(FlagAdminFactory store) =>
        _site = new TestSite(store, services => services.AddSingleton<TimeProvider>(Clock));

    public SettableClock Clock { get; } = new();

    public FlagService Flags => _site.Flags;

    public static async Task<AuditTrailSite> StartAsync(FlagAdminFactory store)
    {
        var site = new AuditTrailSite(store);
        await site.Flags.CreateProjectAsync(new NewProject("shop", "Shop"), Ada);
        await site.Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "development", "Development", 1), Ada);
        await site.Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 2, Protected: true), Ada);
        await site.Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "checkout", Name = "New checkout" }, Ada);
        await site.Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "search", Name = "Search v2" }, Ada);
        return site;
    }

    public HttpClient Client(Role role) => _site.Client(role);

    public HttpClient SignedOutClient() => _site.SignedOutClient();

    /// <summary>Turns a flag on or off in an environment as <paramref name="who"/>, one minute after the previous change.</summary>
    public async Task<FlagState> ToggleAsync(string flag, string environment, bool on, ChangeContext who)
    {
        Clock.Now += TimeSpan.FromMinutes(1);
        var state = await _site.StateAsync(flag, environment);
        return await Flags.SetEnabledAsync("shop", flag, environment, on, state.Version, who);
    }

    public async Task<FlagState> SetRolloutAsync(string flag, string environment, int basisPoints, ChangeContext who)
    {
        Clock.Now += TimeSpan.FromMinutes(1);
        var state = await _site.StateAsync(flag, environment);
        return await Flags.SetRolloutAsync("shop", flag, environment, basisPoints, state.Version, who);
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();
}
