using System.Net;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Ui.Flags;

/// <summary>The store refuses writes (as PostgreSQL does when it is down) while reads still answer.</summary>
public sealed class StoreDownTests
{
    [Fact]
    public async Task A_toggle_while_the_database_is_down_says_so_and_nothing_changes()
    {
        var failing = new StoreGoingDown(nameof(IFlagRepository.UpdateStateAsync));
        await using var host = await FlagsListSeed.StartAsync(new TestSite(FlagAdminFactory.Memory(), services =>
            services.AddSingleton<IFlagRepository>(provider => failing.Wrap(provider.GetRequiredService<MemoryFlagRepository>()))));
        var client = host.Client(Role.Editor);
        var page = await client.GetPageAsync("/projects/shop/flags");
        failing.Down = true;

        var response = await client.HtmxPostAsync(page, "/projects/shop/flags/toggle", [("toggle", page.Switch("new-checkout", "Staging")!.GetAttribute("value")!), ("q", "")]);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("#flags-alert", response.Headers.GetValues("HX-Retarget").Single());
        Assert.Contains("The database is unavailable — your change was not saved.", (await HtmlPage.ParseAsync(response)).Body!.TextContent);
        Assert.False((await host.StateAsync("new-checkout", "staging")).Enabled);
    }
}
