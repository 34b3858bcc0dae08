using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using Xunit;

namespace FlagAdmin.Storage.Contract;

public abstract partial class FlagRepositoryContract
{
    [Fact]
    public async Task Get_many_answers_the_flags_that_exist_in_the_order_asked_each_once_archived_ones_too()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateCatalogueAsync(store);

        var found = await store.Repository.GetFlagsAsync(key, ["legacy-login", "no-such-flag", "beta.banner", "legacy-login", "dark-mode"]);

        Assert.Equal(["legacy-login", "beta.banner", "dark-mode"], found.Select(d => d.Flag.Key));
        Assert.True(found[0].Flag.Archived);
        foreach (var details in found)
        {
            Assert.Equal(await store.Repository.GetFlagAsync(key, details.Flag.Key), details);
        }
        Assert.Empty(await store.Repository.GetFlagsAsync(key, ["no-such-flag"]));
        Assert.Empty(await store.Repository.GetFlagsAsync(UniqueKey(), ["dark-mode"]));
    }

    [Fact]
    public async Task Flag_version_tells_whether_a_flag_exists_and_follows_its_changes_but_not_its_states()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var created = await CreateFlagAsync(store, key, "exists");

        Assert.Equal(created.Flag.Version, await store.Repository.GetFlagVersionAsync(key, "exists"));
        await store.Repository.UpdateStateAsync(FlagStateUpdate.From(created.StateIn("staging")!) with { Enabled = true }, Alice);
        Assert.Equal(created.Flag.Version, await store.Repository.GetFlagVersionAsync(key, "exists"));
        var archived = await store.Repository.SetArchivedAsync(key, "exists", created.Flag.Version, true, Alice);
        Assert.Equal(archived.Version, await store.Repository.GetFlagVersionAsync(key, "exists"));

        Assert.Null(await store.Repository.GetFlagVersionAsync(key, "missing"));
        Assert.Null(await store.Repository.GetFlagVersionAsync(UniqueKey(), "exists"));
        await store.Repository.DeleteFlagAsync(key, "exists", archived.Version, Alice);
        Assert.Null(await store.Repository.GetFlagVersionAsync(key, "exists"));
    }

    [Fact]
    public async Task Count_is_the_total_of_the_same_query_whatever_its_paging()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateCatalogueAsync(store);
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var since = Clock.ToMicroseconds(store.Time.GetUtcNow());
        var banner = (await store.Repository.GetFlagAsync(key, "beta.banner"))!;
        await store.Repository.UpdateStateAsync(FlagStateUpdate.From(banner.StateIn("staging")!) with { Enabled = true }, Alice);

        FlagQuery[] queries =
        [
            new() { ProjectKey = key },
            new() { ProjectKey = key, Archived = null, Offset = 3, Limit = 1 },
            new() { ProjectKey = key, Archived = true },
            new() { ProjectKey = key, Tags = ["web"], Owner = "team-web" },
            new() { ProjectKey = key, Search = "appear", Sort = FlagSort.Name, Descending = true },
            new() { ProjectKey = key, EnvironmentKey = "production", Enabled = false },
            new() { ProjectKey = key, ModifiedSince = since, Archived = null },
            new() { ProjectKey = key, Sort = FlagSort.ModifiedAt, After = FlagPosition.Of((await store.Repository.GetFlagAsync(key, "dark-mode"))!), Archived = null },
        ];
        foreach (var query in queries)
        {
            Assert.Equal((await store.Repository.QueryFlagsAsync(query)).TotalCount, await store.Repository.CountFlagsAsync(query));
        }
        Assert.Equal(4, await store.Repository.CountFlagsAsync(queries[0]));
        Assert.Equal(1, await store.Repository.CountFlagsAsync(queries[6]));
        Assert.Equal(2, await store.Repository.CountFlagsAsync(queries[7]));
        Assert.Equal(0, await store.Repository.CountFlagsAsync(new FlagQuery { ProjectKey = UniqueKey() }));
    }

    [Fact]
    public async Task Modified_since_finds_flags_whose_definition_or_any_state_changed_at_or_after_the_time()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateCatalogueAsync(store);
        store.Time.Advance(TimeSpan.FromMinutes(1));
        var since = Clock.ToMicroseconds(store.Time.GetUtcNow());

        var checkout = (await store.Repository.GetFlagAsync(key, "checkout-v2"))!;
        await store.Repository.UpdateStateAsync(FlagStateUpdate.From(checkout.StateIn("staging")!) with { RolloutBasisPoints = 2_500 }, Alice);
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var search = (await store.Repository.GetFlagAsync(key, "search_ranking"))!.Flag;
        await store.Repository.UpdateFlagAsync(new FlagUpdate { ProjectKey = key, Key = search.Key, ExpectedVersion = search.Version, Name = "Ranking v2", Variants = search.Variants }, Alice);
        var legacy = (await store.Repository.GetFlagAsync(key, "legacy-login"))!.Flag;
        await store.Repository.SetArchivedAsync(key, legacy.Key, legacy.Version, false, Alice);
        await CreateFlagAsync(store, key, "added-later");

        var changed = new FlagQuery { ProjectKey = key, ModifiedSince = since, Archived = null };
        Assert.Equal(["added-later", "checkout-v2", "legacy-login", "search_ranking"], await KeysAsync(store, changed));
        Assert.Equal(["added-later", "checkout-v2", "legacy-login", "search_ranking"], await KeysAsync(store, changed with { ModifiedSince = since.AddTicks(-1) }));
        Assert.Equal(["added-later", "legacy-login", "search_ranking"], await KeysAsync(store, changed with { ModifiedSince = since.AddTicks(1) }));
        Assert.Equal(["checkout-v2"], await KeysAsync(store, changed with { Tags = ["payments"] }));
        Assert.Empty(await KeysAsync(store, changed with { ModifiedSince = store.Time.GetUtcNow().AddTicks(10) }));
        Assert.Equal(6, (await store.Repository.QueryFlagsAsync(changed with { ModifiedSince = since.AddHours(-1) })).TotalCount);
    }

    [Fact]
    public async Task Changes_sort_by_the_last_change_of_a_flag_or_its_states_then_by_key()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateCatalogueAsync(store);
        store.Time.Advance(TimeSpan.FromMinutes(1));
        var checkout = (await store.Repository.GetFlagAsync(key, "checkout-v2"))!;
        await store.Repository.UpdateStateAsync(FlagStateUpdate.From(checkout.StateIn("development")!) with { Enabled = true }, Alice);

        // Created one second apart; dark-mode was toggled in the second legacy-login was created (and archived) in.
        var byChange = new FlagQuery { ProjectKey = key, Sort = FlagSort.ModifiedAt, Archived = null };
        Assert.Equal(["search_ranking", "beta.banner", "dark-mode", "legacy-login", "checkout-v2"], await KeysAsync(store, byChange));
        Assert.Equal(["checkout-v2", "legacy-login", "dark-mode", "beta.banner", "search_ranking"], await KeysAsync(store, byChange with { Descending = true }));
        var page = await store.Repository.QueryFlagsAsync(byChange);
        Assert.All(page.Items.Zip(page.Items.Skip(1)), pair => Assert.True(pair.First.LastChange.At <= pair.Second.LastChange.At));
    }

    [Fact]
    public async Task Paging_changes_after_a_position_misses_no_flag_changed_while_paging()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var since = store.Time.GetUtcNow();
        for (var i = 0; i < 9; i++)
        {
            store.Time.Advance(TimeSpan.FromSeconds(1));
            await CreateFlagAsync(store, key, $"flag-{i}");
        }
        var query = new FlagQuery { ProjectKey = key, ModifiedSince = since, Sort = FlagSort.ModifiedAt, Limit = 3, Archived = null };

        var seen = new List<string>();
        var first = await store.Repository.QueryFlagsAsync(query);
        Assert.Equal(9, first.TotalCount);
        seen.AddRange(first.Items.Select(d => d.Flag.Key));
        // While the client pages: one flag it has seen and one it has not yet seen change, one is deleted, one is added.
        store.Time.Advance(TimeSpan.FromSeconds(1));
        foreach (var changedKey in new[] { "flag-1", "flag-5" })
        {
            var flag = (await store.Repository.GetFlagAsync(key, changedKey))!;
            await store.Repository.UpdateStateAsync(FlagStateUpdate.From(flag.StateIn("production")!) with { Enabled = true }, Alice);
        }
        var deleted = (await store.Repository.GetFlagAsync(key, "flag-4"))!.Flag;
        await store.Repository.DeleteFlagAsync(key, deleted.Key, deleted.Version, Alice);
        await CreateFlagAsync(store, key, "flag-new");

        var position = FlagPosition.Of(first.Items[^1]);
        var pages = 1;
        while (true)
        {
            var page = await store.Repository.QueryFlagsAsync(query with { After = position });
            pages++;
            seen.AddRange(page.Items.Select(d => d.Flag.Key));
            if (!page.HasMore)
            {
                break;
            }
            position = FlagPosition.Of(page.Items[^1]);
        }

        Assert.Equal(["flag-0", "flag-1", "flag-2", "flag-3", "flag-6", "flag-7", "flag-8", "flag-1", "flag-5", "flag-new"], seen);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task Flags_changed_at_the_same_time_page_by_key()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        foreach (var flagKey in new[] { "c", "a", "e", "b", "d" })
        {
            await CreateFlagAsync(store, key, flagKey);
        }
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var since = Clock.ToMicroseconds(store.Time.GetUtcNow());
        // A new environment gives every flag a state stamped with the same time.
        await store.Repository.CreateEnvironmentAsync(new NewEnvironment(key, "qa", "QA", 40), Alice);

        var query = new FlagQuery { ProjectKey = key, ModifiedSince = since, Sort = FlagSort.ModifiedAt, Limit = 2 };
        var first = await store.Repository.QueryFlagsAsync(query);
        var second = await store.Repository.QueryFlagsAsync(query with { After = FlagPosition.Of(first.Items[^1]) });
        var third = await store.Repository.QueryFlagsAsync(query with { After = FlagPosition.Of(second.Items[^1]) });

        Assert.Equal(["a", "b", "c", "d", "e"], first.Items.Concat(second.Items).Concat(third.Items).Select(d => d.Flag.Key));
        Assert.Equal([5, 3, 1], new[] { first.TotalCount, second.TotalCount, third.TotalCount });
        Assert.False(third.HasMore);
    }

    [Fact]
    public async Task Synced_to_is_set_for_lists_of_changes_and_trails_the_read_by_the_clock_allowance()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateCatalogueAsync(store);

        var changes = await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key, ModifiedSince = DateTimeOffset.UnixEpoch });
        var plain = await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key });

        Assert.Equal(Clock.ToMicroseconds(store.Time.GetUtcNow() - SyncWatermark.ClockAllowance), changes.SyncedTo);
        Assert.Null(plain.SyncedTo);
        Assert.NotNull((await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = UniqueKey(), ModifiedSince = DateTimeOffset.UnixEpoch })).SyncedTo);
    }

    [Fact]
    public async Task A_change_stored_after_a_list_of_changes_was_read_is_in_the_list_that_starts_at_its_synced_to()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var query = new FlagQuery { ProjectKey = key, ModifiedSince = Clock.ToMicroseconds(store.Time.GetUtcNow()), Sort = FlagSort.ModifiedAt };
        FlagPage? readMeanwhile = null;

        await store.Repository.InTransactionAsync(async (transaction, ct) =>
        {
            await transaction.CreateFlagAsync(Boolean(key, "slow", "Slow"), Alice, ct);
            store.Time.Advance(TimeSpan.FromSeconds(1));
            readMeanwhile = await store.Repository.QueryFlagsAsync(query, ct);
            return true;
        });

        Assert.Empty(readMeanwhile!.Items);
        var next = await store.Repository.QueryFlagsAsync(query with { ModifiedSince = readMeanwhile.SyncedTo });
        Assert.Equal(["slow"], next.Items.Select(d => d.Flag.Key));
    }
}
