using System.Text.Json.Nodes;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using Xunit;

namespace FlagAdmin.Storage.Contract;

public abstract partial class FlagRepositoryContract
{
    [Fact]
    public async Task A_state_change_is_audited_once_with_actor_reason_time_before_and_after()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var loaded = (await CreateFlagAsync(store, key, "audited")).StateIn("production")!;
        store.Time.Advance(TimeSpan.FromHours(1));

        var after = await store.Repository.UpdateStateAsync(FlagStateUpdate.From(loaded) with { RolloutBasisPoints = 1_250 }, Bob);

        var entry = Assert.Single(await AllAuditAsync(store, key, q => q with { FlagKey = "audited", EnvironmentKey = "production" }));
        Assert.Equal(AuditAction.RolloutChanged, entry.Action);
        Assert.Equal(("bob@example.com", "incident 42", key), (entry.Actor, entry.Reason, entry.ProjectKey));
        Assert.Equal(after.UpdatedAt, entry.At);
        var before = JsonNode.Parse(entry.Before!)!;
        var afterJson = JsonNode.Parse(entry.After!)!;
        Assert.Equal(10_000, (int)before["rolloutBasisPoints"]!);
        Assert.Equal(1_250, (int)afterJson["rolloutBasisPoints"]!);
        Assert.Equal("bob@example.com", (string)afterJson["updatedBy"]!);
        Assert.Null(afterJson["version"]);
    }

    [Fact]
    public async Task Every_kind_of_write_records_how_the_actor_came_in_and_a_browser_write_records_nothing()
    {
        await using var store = await CreateStoreAsync();
        var viaToken = new ChangeContext("carol@example.com", Via: "  token 'ci-deploy' ");
        var key = UniqueKey();
        await store.Service.CreateProjectAsync(new NewProject(key, "Via"), viaToken);
        await store.Service.CreateEnvironmentAsync(new NewEnvironment(key, "production", "Production", 1), viaToken);
        var flag = await store.Service.CreateFlagAsync(new NewFlag { ProjectKey = key, Key = "via", Name = "Via" }, viaToken);
        var state = await store.Service.SetEnabledAsync(key, "via", "production", true, flag.StateIn("production")!.Version, viaToken);
        var updated = await store.Service.UpdateFlagAsync(new FlagUpdate { ProjectKey = key, Key = "via", ExpectedVersion = flag.Flag.Version, Name = "Via token" }, viaToken);
        var archived = await store.Service.SetArchivedAsync(key, "via", true, updated.Version, viaToken);
        await store.Service.DeleteFlagAsync(key, "via", archived.Version, viaToken);
        await CreateFlagAsync(store, key, "browser");

        var entries = await AllAuditAsync(store, key);

        Assert.Equal(8, entries.Count);
        Assert.Null(entries[0].Via);
        Assert.All(entries.Skip(1), e => Assert.Equal("token 'ci-deploy'", e.Via));
        Assert.Contains(entries, e => e.Action == AuditAction.FlagToggled && e.At == state.UpdatedAt);
    }

    [Fact]
    public async Task Audit_entries_come_newest_first_and_page_without_gaps()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var state = (await CreateFlagAsync(store, key, "busy")).StateIn("development")!;
        for (var i = 0; i < 12; i++)
        {
            state = await store.Repository.UpdateStateAsync(FlagStateUpdate.From(state) with { Enabled = !state.Enabled }, Alice);
        }

        var firstPage = await store.Audit.QueryAsync(new AuditQuery { ProjectKey = key, FlagKey = "busy", Limit = 5 });
        var all = await AllAuditAsync(store, key);

        Assert.Equal(5, firstPage.Items.Count);
        Assert.NotNull(firstPage.NextBeforeId);
        Assert.Equal(all.Take(5), firstPage.Items);
        Assert.Equal(all.Select(e => e.Id).OrderDescending(), all.Select(e => e.Id));
        Assert.Equal(all.Count, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal(3 + 1 + 1 + 12, all.Count);
        var lastPage = await store.Audit.QueryAsync(new AuditQuery { ProjectKey = key, FlagKey = "busy", BeforeId = all[^2].Id, Limit = 5 });
        Assert.Null(lastPage.NextBeforeId);
    }

    [Fact]
    public async Task Audit_filters_by_flag_environment_actor_action_and_time()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var start = Clock.ToMicroseconds(store.Time.GetUtcNow());
        var a = await CreateFlagAsync(store, key, "a");
        store.Time.Advance(TimeSpan.FromMinutes(10));
        var middle = Clock.ToMicroseconds(store.Time.GetUtcNow());
        await store.Repository.UpdateStateAsync(FlagStateUpdate.From(a.StateIn("staging")!) with { Enabled = true }, Bob);
        store.Time.Advance(TimeSpan.FromMinutes(10));
        await store.Repository.UpdateStateAsync(FlagStateUpdate.From(a.StateIn("production")!) with { RolloutBasisPoints = 10 }, Alice);
        await CreateFlagAsync(store, key, "b");

        async Task<string[]> Describe(Func<AuditQuery, AuditQuery> filter) =>
            (await AllAuditAsync(store, key, filter)).Select(e => $"{e.Action}:{e.FlagKey}:{e.EnvironmentKey}").ToArray();

        Assert.Equal(["RolloutChanged:a:production", "FlagToggled:a:staging", "FlagCreated:a:"], await Describe(q => q with { FlagKey = "a" }));
        Assert.Equal(["FlagToggled:a:staging", "EnvironmentCreated::staging"], await Describe(q => q with { EnvironmentKey = "staging" }));
        Assert.Equal(["FlagToggled:a:staging"], await Describe(q => q with { Actor = "bob@example.com" }));
        Assert.Equal(["FlagCreated:b:", "FlagCreated:a:"], await Describe(q => q with { Action = AuditAction.FlagCreated }));
        Assert.Equal(["FlagToggled:a:staging"], await Describe(q => q with { From = middle, To = middle.AddMinutes(10) }));
        Assert.Equal(8, (await Describe(q => q with { From = start })).Length);
    }

    [Fact]
    public async Task Failed_writes_leave_no_audit_entry()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var created = await CreateFlagAsync(store, key, "guarded");
        var count = (await AllAuditAsync(store, key)).Count;
        var stale = created.StateIn("staging")!;
        await store.Repository.UpdateStateAsync(FlagStateUpdate.From(stale) with { Enabled = true }, Alice);
        count++;

        await Assert.ThrowsAnyAsync<Exception>(() => store.Repository.UpdateStateAsync(FlagStateUpdate.From(stale) with { Enabled = false }, Bob));
        await Assert.ThrowsAnyAsync<Exception>(() => store.Repository.SetArchivedAsync(key, "guarded", created.Flag.Version + 7, true, Bob));
        await Assert.ThrowsAnyAsync<Exception>(() => store.Repository.UpdateStateAsync(FlagStateUpdate.From(created.StateIn("production")!) with { OffVariant = "nope" }, Bob));
        await Assert.ThrowsAnyAsync<Exception>(() => CreateFlagAsync(store, key, "guarded"));
        await Assert.ThrowsAnyAsync<Exception>(() => store.Repository.DeleteFlagAsync(key, "missing", 1, Bob));

        Assert.Equal(count, (await AllAuditAsync(store, key)).Count);
        Assert.DoesNotContain(await AllAuditAsync(store, key), e => e.Actor == "bob@example.com");
    }
}
