using System.Net;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// The real app on Kestrel on a loopback port (a free one unless given), on the store its settings pick (memory
/// unless told otherwise), with project "shop" (development, staging, production — protected) and three flags.
/// Browsers sign in through the real /signin page.
/// </summary>
public sealed class AppOnLoopback : WebApplicationFactory<Program>
{
    public static readonly ChangeContext Seed = new("seed@example.com");

    private readonly IReadOnlyDictionary<string, string?> _settings;

    public AppOnLoopback(IReadOnlyDictionary<string, string?>? settings = null, int port = 0)
    {
        _settings = settings ?? new Dictionary<string, string?> { ["Store:Provider"] = "Memory" };
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    /// <summary>Every test user's password.</summary>
    public const string Password = "correct horse battery staple";

    public string BaseAddress { get; private set; } = "";

    public FlagService Flags => Services.GetRequiredService<FlagService>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        // Users are created by the tests and sign in through /signin, several times a minute from one address.
        builder.UseSetting("Auth:DemoAdmin", "false");
        builder.UseSetting("Auth:SignIn:PermitsPerMinute", "1000");
    }

    public async Task StartAsync()
    {
        Listen();
        await Flags.CreateProjectAsync(new NewProject("shop", "Shop"), Seed);
        await Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "development", "Development", 0), Seed);
        await Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "staging", "Staging", 1), Seed);
        await Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 2, Protected: true), Seed);
        await Flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop", Key = "new-checkout", Name = "New checkout", Description = "The one-page checkout",
            Tags = new[] { "checkout", "web" }.ToValueList(), Owner = "payments",
        }, Seed);
        await Flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop", Key = "dark-banner", Name = "Dark banner", Description = "Holiday banner",
            Tags = new[] { "web" }.ToValueList(), Owner = "marketing",
        }, Seed);
        await Flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop", Key = "search-ranking", Name = "Search ranking v2", Description = "Learning-to-rank results",
            Tags = new[] { "search" }.ToValueList(), Owner = "discovery",
        }, Seed);
        // Cells no test toggles: production on for new-checkout at 12.5 %, staging on for dark-banner.
        var production = await StateAsync("new-checkout", "production");
        await Flags.SetRolloutAsync("shop", "new-checkout", "production", 1250, production.Version, Seed);
        await Flags.SetEnabledAsync("shop", "new-checkout", "production", true, (await StateAsync("new-checkout", "production")).Version, Seed);
        await Flags.SetEnabledAsync("shop", "dark-banner", "staging", true, (await StateAsync("dark-banner", "staging")).Version, Seed);
    }

    /// <summary>Starts Kestrel without seeding anything (a restart on a store that keeps its data).</summary>
    public void Listen()
    {
        StartServer();
        BaseAddress = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    public int Port => new Uri(BaseAddress).Port;

    /// <summary>Creates the user, or gives an existing one <paramref name="role"/>, so a sign-in as them has that role.</summary>
    public async Task EnsureUserAsync(string email, Role role)
    {
        var users = Services.GetRequiredService<UserService>();
        var existing = await Services.GetRequiredService<IUserRepository>().FindUserByEmailAsync(email);
        if (existing is null)
        {
            await users.CreateUserAsync(new NewUser(email, email.Split('@')[0], role, Password), Seed);
        }
        else if (existing.Role != role)
        {
            await users.UpdateUserAsync(new UserUpdate { Id = existing.Id, ExpectedVersion = existing.Version, Role = role }, Seed);
        }
    }

    public async Task<FlagState> StateAsync(string flag, string environment) =>
        (await Flags.GetFlagAsync("shop", flag)).StateIn(environment)!;
}
