using System.Net;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FlagAdmin.Web.Tests.Ui.FlagDetail;

/// <summary>
/// Rendering or saving the flag page costs a fixed number of store calls, whatever the number of environments: every
/// call that reaches the store is counted, the served flags' own re-read after a save included.
/// </summary>
public sealed class FlagPageStoreCallsTests(ITestOutputHelper output)
{
    private static async Task<(TestSite Site, StoreCalls Calls)> StartAsync(int environments)
    {
        var calls = new StoreCalls();
        var site = new TestSite(FlagAdminFactory.Memory(), services =>
        {
            services.AddSingleton<IFlagRepository>(provider => calls.Wrap<IFlagRepository>(provider.GetRequiredService<MemoryFlagRepository>()));
            services.AddSingleton<IAuditLog>(provider => calls.Wrap<IAuditLog>(provider.GetRequiredService<MemoryFlagRepository>()));
        });
        await site.CreateProjectAsync("shop", "Shop", true,
            [.. Enumerable.Range(1, environments).Select(i => ($"env-{i}", $"Env {i}", i == environments))]);
        await site.Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "new-checkout", Name = "New checkout" }, TestSite.Seed);
        return (site, calls);
    }

    /// <summary>Store calls (reads, writes) of opening the page, saving a panel as a page post and as htmx, and saving the details.</summary>
    private async Task<(int, int)[]> MeasureAsync(int environments)
    {
        var (site, calls) = await StartAsync(environments);
        await using var _ = site;
        var client = site.Client(Role.Admin);
        var panel = $"#panel-env-{environments}";
        var results = new List<(int, int)>();

        async Task<HttpResponseMessage> CountAsync(Func<Task<HttpResponseMessage>> request)
        {
            calls.Reset();
            var response = await request();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            results.Add((calls.Reads, calls.Writes));
            output.WriteLine($"{environments} environments: {calls.Reads} reads, {calls.Writes} writes: {string.Join(", ", calls.Calls)}");
            return response;
        }

        var page = await HtmlPage.ParseAsync(await CountAsync(() => client.GetAsync("/projects/shop/flags/new-checkout")));
        var saved = await HtmlPage.ParseAsync(await CountAsync(() =>
            PageForm.Of(page, panel).Check("enabled", true).Check("confirmed", true).Set("reason", "launch").SubmitAsync(client)));
        Assert.Contains("Saved", saved.QuerySelector($"{panel} .alert-success")!.TextContent);
        await CountAsync(() => PageForm.Of(saved, panel).Set("rollout", "12.34").Check("confirmed", true).Set("reason", "ramp").SubmitAsync(client, htmx: true));
        await CountAsync(() => PageForm.Of(saved, "#flag-metadata").Set("name", "Checkout v2").SubmitAsync(client, value: null, htmx: true));
        Assert.Equal(1_234, (await site.StateAsync("new-checkout", $"env-{environments}")).RolloutBasisPoints);
        return [.. results];
    }

    [Fact]
    public async Task Opening_and_saving_the_flag_page_costs_the_same_few_store_calls_for_2_or_10_environments()
    {
        var few = await MeasureAsync(2);
        var many = await MeasureAsync(10);

        Assert.Equal(few, many);
        Assert.Equal([(2, 0), (7, 1), (3, 1), (3, 1)], few);
    }
}
