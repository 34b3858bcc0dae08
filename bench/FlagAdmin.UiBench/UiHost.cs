using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Web.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlagAdmin.UiBench;

/// <summary>The whole app in-process (routing, sign-in, antiforgery, Razor rendering) on a chosen store, with a project of N flags.</summary>
internal sealed class UiHost(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public static readonly ChangeContext Seed = new("seed@example.com");

    public FlagService Flags => Services.GetRequiredService<FlagService>();

    /// <summary>The factory finds the web project's folder from this variable when it is not a test project's reference.</summary>
    public static void PointAtWebProject()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FlagAdmin.sln")))
        {
            directory = directory.Parent;
        }
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_FLAGADMIN_WEB", Path.Combine(directory!.FullName, "src", "FlagAdmin.Web"));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services => services.AddTestSignIn());
    }

    public async Task SeedAsync(int flagCount)
    {
        await Flags.CreateProjectAsync(new NewProject("shop", "Shop"), Seed);
        await Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "development", "Development", 0), Seed);
        await Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "staging", "Staging", 1), Seed);
        await Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 2), Seed);
        string[] teams = ["payments", "search", "growth", "platform"];
        for (var i = 1; i <= flagCount; i++)
        {
            await Flags.CreateFlagAsync(new NewFlag
            {
                ProjectKey = "shop",
                Key = $"flag-{i:D5}",
                Name = $"Flag {i}",
                Description = $"Experiment number {i} of team {teams[i % teams.Length]}",
                Tags = new[] { teams[i % teams.Length], i % 2 == 0 ? "web" : "mobile" }.ToValueList(),
                Owner = teams[i % teams.Length],
            }, Seed);
        }
    }

    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") })
        .As(Core.Users.Role.Editor, "bench@example.com");
}
