using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using Xunit;

namespace FlagAdmin.Storage.Contract;

/// <summary>One read gives a flag's page all it shows: the project, its environments in order and the flag with its states.</summary>
public abstract partial class FlagRepositoryContract
{
    [Fact]
    public async Task A_flag_is_read_with_its_project_and_the_projects_environments_in_order()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store, requireReason: true);
        await CreateFlagAsync(store, key, "other");
        var created = await CreateFlagAsync(store, key, "page", Multivariate);
        var staging = (await store.Repository.ListEnvironmentsAsync(key)).Single(e => e.Key == "staging");
        await store.Repository.UpdateEnvironmentAsync(new EnvironmentUpdate(key, "staging", staging.Version, "Staging", 5, false), Alice);
        var state = await store.Repository.UpdateStateAsync(FlagStateUpdate.From(created.StateIn("production")!) with { Enabled = true, OnVariant = "red" }, Bob);

        var found = await store.Repository.GetFlagInProjectAsync(key, "page");

        Assert.NotNull(found);
        Assert.Equal(await store.Repository.GetProjectAsync(key), found.Project);
        Assert.Equal(await store.Repository.ListEnvironmentsAsync(key), found.Environments);
        Assert.Equal(["staging", "development", "production"], found.Environments.Select(e => e.Key));
        Assert.Equal(await store.Repository.GetFlagAsync(key, "page"), found.Details);
        Assert.Equal(["staging", "development", "production"], found.Details.States.Select(s => s.EnvironmentKey));
        Assert.Equal(state, found.Details.StateIn("production"));
        Assert.True(found.Environment("production")!.Protected);
    }

    [Fact]
    public async Task A_flag_of_an_unknown_project_or_an_unknown_flag_reads_as_null()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        await CreateFlagAsync(store, key, "known");

        Assert.Null(await store.Repository.GetFlagInProjectAsync(key, "unknown"));
        Assert.Null(await store.Repository.GetFlagInProjectAsync(UniqueKey(), "known"));
    }

    [Fact]
    public async Task A_flag_of_a_project_without_environments_is_read_with_no_states()
    {
        await using var store = await CreateStoreAsync();
        var key = UniqueKey();
        await store.Service.CreateProjectAsync(new NewProject(key, "Bare"), Alice);
        await CreateFlagAsync(store, key, "lonely");

        var found = await store.Repository.GetFlagInProjectAsync(key, "lonely");

        Assert.Empty(found!.Environments);
        Assert.Empty(found.Details.States);
        Assert.Equal("lonely", found.Details.Flag.Key);
    }

    [Fact]
    public async Task Inside_a_transaction_a_flag_is_read_with_the_transactions_own_writes()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        await CreateFlagAsync(store, key, "tx-page");

        var found = await store.Repository.InTransactionAsync(async (transaction, ct) =>
        {
            await transaction.CreateEnvironmentAsync(new NewEnvironment(key, "qa", "QA", 40), Alice, ct);
            return await transaction.GetFlagInProjectAsync(key, "tx-page", ct);
        });

        Assert.Equal(["development", "staging", "production", "qa"], found!.Details.States.Select(s => s.EnvironmentKey));
        Assert.Equal("qa", found.Environments[^1].Key);
    }
}
