using System.Net;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory;
using FlagAdmin.Testing.Postgres;
using FlagAdmin.Web.Components.Pages.Flags.Detail;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Ui.FlagDetail;

/// <summary>
/// The flag page as the server prerenders it, on both stores: an interactive page with one panel per environment in
/// order, and the status of a missing flag or project. Its editing is the circuit's (bunit's FlagDetailPageTests, the
/// browser's FlagDetailInTheBrowserTests).
/// </summary>
public abstract class FlagDetailPrerenderTests : IAsyncLifetime
{
    private TestSite _host = default!;

    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    public async Task InitializeAsync()
    {
        _host = new TestSite(await CreateFactoryAsync());
        await _host.CreateProjectAsync("shop", "Shop", false, ("development", "Development", false), ("production", "Production", true));
        await _host.Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "new-checkout", Name = "New checkout" }, TestSite.Seed);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_page_is_interactive_and_shows_the_flag_with_a_panel_per_environment_in_order()
    {
        var page = await _host.Client(Role.Viewer).GetPageAsync("/projects/shop/flags/new-checkout");

        Assert.Equal("New checkout", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["development", "production"], page.QuerySelectorAll(".flag-panel").Select(p => p.GetAttribute("data-environment")));
        Assert.NotNull(page.QuerySelector("script[src*=blazor]"));
        Assert.Null(page.QuerySelector("script[src*=htmx]"));
        Assert.Contains(FlagDetailPage.ViewerLimits, page.QuerySelector($"#{FlagDetailPage.LockedId}")!.TextContent);
    }

    [Theory]
    [InlineData("/projects/shop/flags/nowhere")]
    [InlineData("/projects/nowhere/flags/new-checkout")]
    public async Task A_flag_or_project_that_does_not_exist_is_a_404_page(string path)
    {
        var response = await _host.Client(Role.Viewer).GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class FlagDetailPrerenderOnMemoryTests : FlagDetailPrerenderTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class FlagDetailPrerenderOnPostgresTests(PostgresFixture postgres) : FlagDetailPrerenderTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}

/// <summary>
/// Prerendering the flag page costs the same store reads for 2 or 10 environments: the navigation's projects, the flag
/// with its project and environments, and its history.
/// </summary>
public sealed class FlagDetailPrerenderStoreCallsTests
{
    private static async Task<IReadOnlyList<string>> CallsOfOpeningAsync(int environments)
    {
        var calls = new StoreCalls();
        await using var site = new TestSite(FlagAdminFactory.Memory(), services =>
        {
            services.AddSingleton<IFlagRepository>(provider => calls.Wrap<IFlagRepository>(provider.GetRequiredService<MemoryFlagRepository>()));
            services.AddSingleton<IAuditLog>(provider => calls.Wrap<IAuditLog>(provider.GetRequiredService<MemoryFlagRepository>()));
        });
        await site.CreateProjectAsync("shop", "Shop", false, [.. Enumerable.Range(1, environments).Select(i => ($"env-{i}", $"Env {i}", false))]);
        await site.Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "new-checkout", Name = "New checkout" }, TestSite.Seed);
        var client = site.Client(Role.Admin);
        calls.Reset();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/projects/shop/flags/new-checkout")).StatusCode);
        return calls.Calls;
    }

    [Fact]
    public async Task Opening_the_page_reads_the_store_three_times_for_2_or_10_environments()
    {
        string[] reads = ["ListProjectsAsync", "GetFlagInProjectAsync", "QueryAsync"];

        Assert.Equal(reads, await CallsOfOpeningAsync(2));
        Assert.Equal(reads, await CallsOfOpeningAsync(10));
    }
}
