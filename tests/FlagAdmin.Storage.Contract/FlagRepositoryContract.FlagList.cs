using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using Xunit;

namespace FlagAdmin.Storage.Contract;

/// <summary>One read gives the flags list all it shows: the project, its environments in order and a page of flags.</summary>
public abstract partial class FlagRepositoryContract
{
    [Fact]
    public async Task A_page_of_flags_is_read_with_its_project_and_the_projects_environments_in_order()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateCatalogueAsync(store);
        var staging = (await store.Repository.ListEnvironmentsAsync(key)).Single(e => e.Key == "staging");
        await store.Repository.UpdateEnvironmentAsync(new EnvironmentUpdate(key, "staging", staging.Version, "Staging", 5, false), Alice);
        var query = new FlagQuery { ProjectKey = key, Tags = ["web"], Sort = FlagSort.Name, Descending = true, Offset = 1, Limit = 2 };

        var list = await store.Repository.QueryFlagsInProjectAsync(query);

        Assert.NotNull(list);
        Assert.Equal(await store.Repository.GetProjectAsync(key), list.Project);
        Assert.Equal(await store.Repository.ListEnvironmentsAsync(key), list.Environments);
        Assert.Equal(["staging", "development", "production"], list.Environments.Select(e => e.Key));
        Assert.Equal(await store.Repository.QueryFlagsAsync(query), list.Page);
        Assert.Equal(["dark-mode", "beta.banner"], list.Page.Items.Select(d => d.Flag.Key));
        Assert.Equal((3, 1, 2), (list.Page.TotalCount, list.Page.Offset, list.Page.Limit));
        Assert.Equal(["staging", "development", "production"], list.Page.Items[0].States.Select(s => s.EnvironmentKey));
    }

    [Fact]
    public async Task A_flags_list_of_an_unknown_project_reads_as_null_and_of_a_project_without_flags_as_an_empty_page()
    {
        await using var store = await CreateStoreAsync();
        var key = UniqueKey();
        await store.Service.CreateProjectAsync(new NewProject(key, "Bare"), Alice);

        var bare = await store.Repository.QueryFlagsInProjectAsync(new FlagQuery { ProjectKey = key });

        Assert.Null(await store.Repository.QueryFlagsInProjectAsync(new FlagQuery { ProjectKey = UniqueKey() }));
        Assert.Equal("Bare", bare!.Project.Name);
        Assert.Empty(bare.Environments);
        Assert.Empty(bare.Page.Items);
        Assert.Equal(0, bare.Page.TotalCount);
    }

    [Fact]
    public async Task A_page_past_the_last_flag_is_empty_with_the_total_count()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateCatalogueAsync(store);

        var list = await store.Repository.QueryFlagsInProjectAsync(new FlagQuery { ProjectKey = key, Offset = 50 });

        Assert.Empty(list!.Page.Items);
        Assert.Equal(4, list.Page.TotalCount);
        Assert.Equal(3, list.Environments.Count);
    }

    [Fact]
    public async Task Inside_a_transaction_a_flags_list_is_read_with_the_transactions_own_writes()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        await CreateFlagAsync(store, key, "tx-listed");

        var list = await store.Repository.InTransactionAsync(async (transaction, ct) =>
        {
            await transaction.CreateEnvironmentAsync(new NewEnvironment(key, "qa", "QA", 40), Alice, ct);
            return await transaction.QueryFlagsInProjectAsync(new FlagQuery { ProjectKey = key }, ct);
        });

        Assert.Equal("qa", list!.Environments[^1].Key);
        Assert.Equal("qa", Assert.Single(list.Page.Items).States[^1].EnvironmentKey);
    }
}
