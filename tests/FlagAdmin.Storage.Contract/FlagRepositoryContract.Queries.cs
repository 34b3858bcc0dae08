using FlagAdmin.Core.Flags;
using Xunit;

namespace FlagAdmin.Storage.Contract;

public abstract partial class FlagRepositoryContract
{
    private static async Task<string> CreateCatalogueAsync(StoreUnderTest store)
    {
        var key = await CreateProjectAsync(store);
        await CreateFlagAsync(store, key, "checkout-v2", f => f with { Name = "Checkout", Description = "New checkout 100% of the way", Tags = ["payments", "web"], Owner = "team-pay" });
        store.Time.Advance(TimeSpan.FromSeconds(1));
        await CreateFlagAsync(store, key, "search_ranking", f => f with { Name = "Ranking", Description = "Search ranking model", Tags = ["search"], Owner = "team-search" });
        store.Time.Advance(TimeSpan.FromSeconds(1));
        await CreateFlagAsync(store, key, "dark-mode", f => f with { Name = "Appearance", Description = "Dark MODE for everyone", Tags = ["web"], Owner = "team-web" });
        store.Time.Advance(TimeSpan.FromSeconds(1));
        await CreateFlagAsync(store, key, "beta.banner", f => f with { Name = "Appearance", Description = "A banner", Tags = ["web", "beta"], Owner = "team-web" });
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var old = await CreateFlagAsync(store, key, "legacy-login", f => f with { Name = "Legacy login", Tags = ["auth"] });
        await store.Repository.SetArchivedAsync(key, "legacy-login", old.Flag.Version, true, Alice);
        var dark = await store.Repository.GetFlagAsync(key, "dark-mode");
        await store.Repository.UpdateStateAsync(FlagStateUpdate.From(dark!.StateIn("production")!) with { Enabled = true }, Alice);
        return key;
    }

    private static async Task<string[]> KeysAsync(StoreUnderTest store, FlagQuery query) =>
        (await store.Repository.QueryFlagsAsync(query)).Items.Select(d => d.Flag.Key).ToArray();

    [Fact]
    public async Task Listing_defaults_to_active_flags_by_key_with_their_states()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateCatalogueAsync(store);

        var page = await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key });

        Assert.Equal(["beta.banner", "checkout-v2", "dark-mode", "search_ranking"], page.Items.Select(d => d.Flag.Key));
        Assert.Equal(4, page.TotalCount);
        Assert.All(page.Items, d => Assert.Equal(["development", "staging", "production"], d.States.Select(s => s.EnvironmentKey)));
        Assert.Equal(await store.Repository.GetFlagAsync(key, "dark-mode"), page.Items[2]);
    }

    [Theory]
    [InlineData("CHECKOUT", new[] { "checkout-v2" })]
    [InlineData("mode", new[] { "dark-mode", "search_ranking" })]
    [InlineData("appear", new[] { "beta.banner", "dark-mode" })]
    [InlineData("100%", new[] { "checkout-v2" })]
    [InlineData("%", new[] { "checkout-v2" })]
    [InlineData("h_r", new[] { "search_ranking" })]
    [InlineData("_", new[] { "search_ranking" })]
    [InlineData("' OR 1=1 --", new string[0])]
    [InlineData("\\", new string[0])]
    public async Task Search_matches_key_name_or_description_literally_and_ignoring_case(string search, string[] expected)
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateCatalogueAsync(store);

        Assert.Equal(expected, await KeysAsync(store, new FlagQuery { ProjectKey = key, Search = search }));
    }

    [Fact]
    public async Task Filters_combine_tags_owner_archived_and_environment_state()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateCatalogueAsync(store);

        Assert.Equal(["beta.banner", "checkout-v2", "dark-mode"], await KeysAsync(store, new FlagQuery { ProjectKey = key, Tags = ["web"] }));
        Assert.Equal(["beta.banner"], await KeysAsync(store, new FlagQuery { ProjectKey = key, Tags = ["web", "beta"] }));
        Assert.Equal(["beta.banner", "dark-mode"], await KeysAsync(store, new FlagQuery { ProjectKey = key, Owner = "team-web" }));
        Assert.Equal(["legacy-login"], await KeysAsync(store, new FlagQuery { ProjectKey = key, Archived = true }));
        Assert.Equal(5, (await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key, Archived = null })).TotalCount);
        Assert.Equal(["dark-mode"], await KeysAsync(store, new FlagQuery { ProjectKey = key, EnvironmentKey = "production", Enabled = true }));
        Assert.Equal(["beta.banner", "checkout-v2", "search_ranking"], await KeysAsync(store, new FlagQuery { ProjectKey = key, EnvironmentKey = "production", Enabled = false }));
        Assert.Empty(await KeysAsync(store, new FlagQuery { ProjectKey = key, EnvironmentKey = "staging", Enabled = true }));
        Assert.Equal(["dark-mode"], await KeysAsync(store, new FlagQuery { ProjectKey = key, Tags = ["web"], Search = "dark", Owner = "team-web", EnvironmentKey = "production", Enabled = true }));
    }

    [Fact]
    public async Task Sorting_breaks_ties_by_key_and_descending_reverses_the_whole_order()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateCatalogueAsync(store);

        Assert.Equal(["beta.banner", "dark-mode", "checkout-v2", "search_ranking"], await KeysAsync(store, new FlagQuery { ProjectKey = key, Sort = FlagSort.Name }));
        Assert.Equal(["search_ranking", "checkout-v2", "dark-mode", "beta.banner"], await KeysAsync(store, new FlagQuery { ProjectKey = key, Sort = FlagSort.Name, Descending = true }));
        Assert.Equal(["checkout-v2", "search_ranking", "dark-mode", "beta.banner"], await KeysAsync(store, new FlagQuery { ProjectKey = key, Sort = FlagSort.CreatedAt }));
        Assert.Equal(["search_ranking", "dark-mode", "checkout-v2", "beta.banner"], await KeysAsync(store, new FlagQuery { ProjectKey = key, Descending = true }));
    }

    [Fact]
    public async Task Sorting_by_update_time_follows_metadata_changes()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateCatalogueAsync(store);
        var checkout = (await store.Repository.GetFlagAsync(key, "checkout-v2"))!.Flag;
        store.Time.Advance(TimeSpan.FromMinutes(1));

        await store.Repository.UpdateFlagAsync(new FlagUpdate { ProjectKey = key, Key = "checkout-v2", ExpectedVersion = checkout.Version, Name = "Zebra", Variants = checkout.Variants }, Alice);

        Assert.Equal("checkout-v2", (await KeysAsync(store, new FlagQuery { ProjectKey = key, Sort = FlagSort.UpdatedAt, Descending = true }))[0]);
        Assert.Equal("checkout-v2", (await KeysAsync(store, new FlagQuery { ProjectKey = key, Sort = FlagSort.Name }))[^1]);
    }

    [Fact]
    public async Task Pages_cover_every_match_once_in_a_stable_order_with_the_total_count()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        for (var i = 0; i < 23; i++)
        {
            // Few distinct names, so the name order depends on the key tie-break.
            await CreateFlagAsync(store, key, $"flag-{(i * 7) % 23:D2}", f => f with { Name = $"Name {i % 3}" });
        }

        foreach (var sort in Enum.GetValues<FlagSort>())
        {
            var all = await KeysAsync(store, new FlagQuery { ProjectKey = key, Sort = sort, Limit = 500 });
            var paged = new List<string>();
            for (var offset = 0; ; offset += 5)
            {
                var page = await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key, Sort = sort, Offset = offset, Limit = 5 });
                Assert.Equal(23, page.TotalCount);
                paged.AddRange(page.Items.Select(d => d.Flag.Key));
                if (!page.HasMore)
                {
                    break;
                }
            }
            Assert.Equal(all, paged);
            Assert.Equal(23, paged.Distinct().Count());
        }
        Assert.Empty((await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key, Offset = 100 })).Items);
    }

    [Fact]
    public async Task Unfiltered_pages_in_either_direction_follow_archiving_at_once()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var created = new List<FlagDetails>();
        for (var i = 0; i < 12; i++)
        {
            created.Add(await CreateFlagAsync(store, key, $"flag-{i:D2}"));
        }
        Assert.Equal(12, (await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key })).TotalCount);

        int[] archivedAt = [1, 4, 10];
        foreach (var i in archivedAt)
        {
            await store.Repository.SetArchivedAsync(key, $"flag-{i:D2}", created[i].Flag.Version, true, Alice);
        }

        var active = Enumerable.Range(0, 12).Where(i => !archivedAt.Contains(i)).Select(i => $"flag-{i:D2}").ToArray();
        var newestActive = await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key, Descending = true, Offset = 2, Limit = 4 });
        Assert.Equal(active.Reverse().Skip(2).Take(4), newestActive.Items.Select(d => d.Flag.Key));
        Assert.Equal(9, newestActive.TotalCount);
        Assert.Equal(["flag-04", "flag-01"], await KeysAsync(store, new FlagQuery { ProjectKey = key, Archived = true, Descending = true, Offset = 1 }));
        var tail = await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key, Archived = null, Offset = 10, Limit = 5 });
        Assert.Equal(["flag-10", "flag-11"], tail.Items.Select(d => d.Flag.Key));
        Assert.Equal(12, tail.TotalCount);
        Assert.True(tail.Items[0].Flag.Archived);
    }
}
