using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.Flags.Detail;
using FlagAdmin.Web.Tests;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>
/// Saving an environment panel costs the same store calls whatever the number of environments: the service's one read
/// and its write, the served flags' re-read of the flag, and the page's read of the flag with its project and environments,
/// once after the save and once for the change feed's news of it (the two may come as one).
/// </summary>
public sealed class FlagPageStoreCallsTests : AdminUi
{
    private readonly StoreCalls _calls = new();

    protected override IFlagRepository Observed(IFlagRepository repository) => _calls.Wrap(repository);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync(Role.Admin, "admin@example.com");
    }

    private async Task<IReadOnlyList<string>> CallsOfSavingAsync(string rollout)
    {
        var page = Render(builder =>
        {
            builder.OpenComponent<FlagDetailPage>(0);
            builder.AddAttribute(1, nameof(FlagDetailPage.ProjectKey), "shop");
            builder.AddAttribute(2, nameof(FlagDetailPage.FlagKey), "new-checkout");
            builder.CloseComponent();
        });
        page.WaitForElement("#panel-staging");
        page.Find("#panel-staging-rollout").Change(rollout);
        _calls.Reset();

        page.Find("#panel-staging form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Saved Staging.", page.Snackbars()));
        page.WaitForAssertion(() => Assert.Contains("GetFlagInProjectAsync", _calls.Calls.Skip(2)));
        var calls = _calls.Calls;
        await Ui.DisposeComponentsAsync();
        return calls;
    }

    [Fact]
    public async Task Saving_a_panel_costs_the_same_store_calls_with_3_or_10_environments()
    {
        var three = await CallsOfSavingAsync("12.34");
        for (var i = 3; i < 10; i++)
        {
            await Flags.CreateEnvironmentAsync(new NewEnvironment("shop", $"env-{i}", $"Env {i}", i), Seed);
        }

        var ten = await CallsOfSavingAsync("56.78");

        foreach (var calls in new[] { three, ten })
        {
            Assert.Equal(["GetFlagInProjectAsync", "UpdateStateAsync"], calls.Take(2));
            // At most: the service's read, the served flags' re-read, the page's read after the save and for the feed's news.
            Assert.True(calls.Count(c => c != "UpdateStateAsync") <= 4, string.Join(", ", calls));
        }
    }
}
