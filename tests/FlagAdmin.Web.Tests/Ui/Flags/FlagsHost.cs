using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Ui.Flags;

/// <summary>
/// The app in-process with project "shop" (development, staging, production — production protected) and a few
/// flags; clients act like a browser: cookies kept, antiforgery token taken from the page, htmx headers on request.
/// </summary>
public sealed class FlagsHost : IAsyncDisposable
{
    public static readonly ChangeContext Seed = new("seed@example.com");

    private FlagsHost(FlagAdminFactory factory) => Factory = factory;

    public FlagAdminFactory Factory { get; }

    public FlagService Flags => Factory.Services.GetRequiredService<FlagService>();

    /// <param name="flagCount">All flags of the project: new-checkout, dark-banner and flag-00003 … flag-N.</param>
    public static async Task<FlagsHost> StartAsync(FlagAdminFactory factory, bool requireReason = false, int flagCount = 2)
    {
        var host = new FlagsHost(factory);
        var flags = host.Flags;
        await flags.CreateProjectAsync(new NewProject("shop", "Shop", requireReason), Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment("shop", "development", "Development", 0), Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment("shop", "staging", "Staging", 1), Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 2, Protected: true), Seed);
        await flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop", Key = "new-checkout", Name = "New checkout", Description = "The one-page checkout",
            Tags = new[] { "checkout", "web" }.ToValueList(), Owner = "payments",
        }, Seed);
        await flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop", Key = "dark-banner", Name = "Dark banner", Description = "Holiday banner",
            Tags = new[] { "web" }.ToValueList(), Owner = "marketing",
        }, Seed);
        for (var i = 3; i <= flagCount; i++)
        {
            await flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = $"flag-{i:D5}", Name = $"Flag {i}", Owner = "team" }, Seed);
        }
        return host;
    }

    public HttpClient Client(Role role, string email = "test.user@example.com") =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).As(role, email);

    public async Task<FlagState> StateAsync(string flag, string environment) =>
        (await Flags.GetFlagAsync("shop", flag)).StateIn(environment)!;

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
