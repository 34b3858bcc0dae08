using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests;

/// <summary>
/// The app in-process on the store its <see cref="FlagAdminFactory"/> picks (memory or PostgreSQL), seeded through
/// the app's own services, handing out clients that act as a user of a role (or signed out) and never follow
/// redirects. What a feature's tests need in the store is built by that feature's seed on top of this.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    public static readonly ChangeContext Seed = new("seed@example.com");

    private readonly FlagAdminFactory _store;
    private readonly WebApplicationFactory<Program> _app;

    /// <param name="store">The host on the store the test picked; the site disposes it.</param>
    /// <param name="testServices">Services that replace the app's own for this site (a clock, a failing repository).</param>
    public TestSite(FlagAdminFactory store, Action<IServiceCollection>? testServices = null)
    {
        _store = store;
        _app = testServices is null ? store : store.WithWebHostBuilder(builder => builder.ConfigureTestServices(testServices));
    }

    public IServiceProvider Services => _app.Services;

    public FlagService Flags => Services.GetRequiredService<FlagService>();

    public SdkKeyService SdkKeys => Services.GetRequiredService<SdkKeyService>();

    public UserService Users => Services.GetRequiredService<UserService>();

    /// <summary>A browser acting as a user of <paramref name="role"/> (by default <c>role@example.com</c>), or a signed-out one for null.</summary>
    public HttpClient Client(Role? role, string? email = null)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return role is { } r ? client.As(r, email ?? $"{r.ToString().ToLowerInvariant()}@example.com") : client;
    }

    public HttpClient SignedOutClient() => Client(null);

    /// <summary>A project with its environments in the order given, numbered from 1; each environment is (key, name, protected).</summary>
    public async Task CreateProjectAsync(string key, string name, bool requireReason, params (string Key, string Name, bool Protected)[] environments)
    {
        await Flags.CreateProjectAsync(new NewProject(key, name, requireReason), Seed);
        for (var order = 1; order <= environments.Length; order++)
        {
            var (environment, environmentName, isProtected) = environments[order - 1];
            await Flags.CreateEnvironmentAsync(new NewEnvironment(key, environment, environmentName, order, isProtected), Seed);
        }
    }

    public async Task<FlagState> StateAsync(string flag, string environment, string project = "shop") =>
        (await Flags.GetFlagAsync(project, flag)).StateIn(environment)!;

    public async ValueTask DisposeAsync()
    {
        if (!ReferenceEquals(_app, _store))
        {
            await _app.DisposeAsync();
        }
        await _store.DisposeAsync();
    }
}
