using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Core.Tests.Flags;

/// <summary>What a flag's page asks of the service costs a fixed number of store calls, however many environments and rules there are.</summary>
public sealed class FlagServiceReadCountTests : IDisposable
{
    private const string Shop = "shop";
    private static readonly ChangeContext Alice = new("alice@example.com", "setting up");

    private readonly MemoryFlagRepository _store = new(TimeProvider.System);
    private readonly CountingRepository _repository;
    private readonly FlagService _service;

    public FlagServiceReadCountTests()
    {
        _repository = new CountingRepository(_store);
        _service = new FlagService(_repository, _store);
    }

    public void Dispose() => _store.Dispose();

    /// <summary>A project requiring reasons with <paramref name="environments"/> environments, the last one protected, and a flag with as many rules in each.</summary>
    private async Task<FlagInProject> SeedAsync(int environments)
    {
        await _service.CreateProjectAsync(new NewProject(Shop, "Shop", RequireReasonInProtectedEnvironments: true), Alice);
        for (var i = 1; i <= environments; i++)
        {
            await _service.CreateEnvironmentAsync(new NewEnvironment(Shop, $"env-{i}", $"Env {i}", i, Protected: i == environments), Alice);
        }
        await _service.CreateFlagAsync(new NewFlag { ProjectKey = Shop, Key = "checkout", Name = "Checkout" }, Alice);
        ValueList<TargetingRule> rules = [.. Enumerable.Range(1, environments).Select(i => new TargetingRule
        {
            Name = $"rule {i}",
            Conditions = [new Condition("plan", ConditionOperator.Equals, [$"plan-{i}"])],
            Variant = "on",
        })];
        foreach (var state in (await _service.GetFlagAsync(Shop, "checkout")).States)
        {
            await _service.SetRulesAsync(Shop, "checkout", state.EnvironmentKey, rules, state.Version, Alice);
        }
        var found = await _service.GetFlagInProjectAsync(Shop, "checkout");
        (_repository.Reads, _repository.Writes) = (0, 0);
        return found;
    }

    private (int Reads, int Writes) Calls()
    {
        var calls = (_repository.Reads, _repository.Writes);
        (_repository.Reads, _repository.Writes) = (0, 0);
        return calls;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(12)]
    public async Task Reading_a_flags_page_is_one_read(int environments)
    {
        await SeedAsync(environments);

        var found = await _service.GetFlagInProjectAsync(Shop, "checkout");

        Assert.Equal((1, 0), Calls());
        Assert.Equal(environments, found.Environments.Count);
        Assert.Equal(environments, found.Details.States.Count);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(12)]
    public async Task Saving_a_state_in_a_protected_environment_that_asks_for_a_reason_is_one_read_and_one_write(int environments)
    {
        var found = await SeedAsync(environments);
        var production = found.Details.States[^1];

        var toggled = await _service.SetEnabledAsync(Shop, "checkout", production.EnvironmentKey, true, production.Version, Alice);
        Assert.Equal((1, 1), Calls());

        var replaced = await _service.UpdateStateAsync(FlagStateUpdate.From(toggled) with { RolloutBasisPoints = 1_234, Rules = [] }, Alice);
        Assert.Equal((1, 1), Calls());

        await Assert.ThrowsAsync<ValidationException>(() => _service.SetEnabledAsync(Shop, "checkout", production.EnvironmentKey, false, replaced.Version, new ChangeContext("bob@example.com")));
        Assert.Equal((1, 0), Calls());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(12)]
    public async Task Saving_a_flags_details_is_one_read_and_one_write(int environments)
    {
        var found = await SeedAsync(environments);

        await _service.UpdateFlagAsync(new FlagUpdate
        {
            ProjectKey = Shop,
            Key = "checkout",
            ExpectedVersion = found.Details.Flag.Version,
            Name = "Checkout v2",
            Variants = found.Details.Flag.Variants,
        }, Alice);

        Assert.Equal((1, 1), Calls());
    }

    [Fact]
    public async Task A_flag_page_of_a_missing_flag_or_project_says_which_is_missing()
    {
        await SeedAsync(2);

        var flag = await Assert.ThrowsAsync<NotFoundException>(() => _service.GetFlagInProjectAsync(Shop, "nope"));
        var project = await Assert.ThrowsAsync<NotFoundException>(() => _service.GetFlagInProjectAsync("nowhere", "checkout"));

        Assert.Equal(("Flag", "nope"), (flag.What, flag.Key));
        Assert.Equal(("Project", "nowhere"), (project.What, project.Key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(12)]
    public async Task Reading_a_page_of_the_flags_list_is_one_read(int environments)
    {
        await SeedAsync(environments);

        var list = await _service.ListFlagsInProjectAsync(new FlagQuery { ProjectKey = Shop, Search = " check " });

        Assert.Equal((1, 0), Calls());
        Assert.Equal(environments, list.Environments.Count);
        Assert.Equal(["checkout"], list.Page.Items.Select(d => d.Flag.Key));
    }

    [Fact]
    public async Task A_flags_list_of_a_missing_project_is_not_found_and_a_bad_query_is_explained_before_any_read()
    {
        await SeedAsync(2);

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => _service.ListFlagsInProjectAsync(new FlagQuery { ProjectKey = "nowhere" }));
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => _service.ListFlagsInProjectAsync(new FlagQuery { ProjectKey = Shop, Enabled = true, Offset = -1 }));

        Assert.Equal(("Project", "nowhere"), (missing.What, missing.Key));
        Assert.Equal(["environment", "offset"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1, 0), Calls());
    }
}
