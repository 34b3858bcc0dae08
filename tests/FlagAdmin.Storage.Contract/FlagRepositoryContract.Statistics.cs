using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Stats;
using FlagAdmin.Core.Users;
using Xunit;

namespace FlagAdmin.Storage.Contract;

/// <summary>The store's statistics (<see cref="IStoreStatistics"/>): what it counts, on both stores alike.</summary>
public abstract partial class FlagRepositoryContract
{
    private static Task<StoreStatistics> StatisticsAsync(StoreUnderTest store) => ((IStoreStatistics)store.Repository).GetStatisticsAsync();

    [Fact]
    public async Task Statistics_count_every_kind_of_thing_the_store_holds_and_say_when()
    {
        await using var store = await CreateStoreAsync();
        var admin = new ChangeContext($"{UniqueKey("admin")}@example.com", null, Role.Admin);
        var before = await StatisticsAsync(store);
        store.Time.Advance(TimeSpan.FromMinutes(1));

        var users = (IUserRepository)store.Repository;
        var user = await users.CreateUserAsync(UserRepositoryContract.NewUser($"{UniqueKey("u")}@example.com"), onlyIfNoUsers: false, admin);
        await users.CreateTokenAsync(UserRepositoryContract.NewToken(user.Id, store.Time.GetUtcNow()), admin);
        var key = await CreateProjectAsync(store);
        await CreateFlagAsync(store, key, "first");
        var second = await CreateFlagAsync(store, key, "second");
        await store.Service.SetEnabledAsync(key, "second", "staging", true, second.StateIn("staging")!.Version, Bob);
        await ((ISdkKeyRepository)store.Repository).CreateSdkKeyAsync(SdkKeyRepositoryContract.NewKey(key, "production", store.Time.GetUtcNow()), admin);
        store.Time.Advance(TimeSpan.FromMinutes(5));

        var after = await StatisticsAsync(store);

        var projectAudit = (await AllAuditAsync(store, key)).Count;
        var userAudit = (await store.Audit.QueryAsync(new AuditQuery { ProjectKey = UserAudit.ProjectKey, Actor = admin.Actor })).Items.Count;
        var grew = new StoreCounts(
            after.Counts.Projects - before.Counts.Projects, after.Counts.Environments - before.Counts.Environments,
            after.Counts.Flags - before.Counts.Flags, after.Counts.States - before.Counts.States,
            after.Counts.Users - before.Counts.Users, after.Counts.AccessTokens - before.Counts.AccessTokens,
            after.Counts.SdkKeys - before.Counts.SdkKeys, after.Counts.AuditEntries - before.Counts.AuditEntries);
        Assert.Equal(new StoreCounts(1, 3, 2, 6, 1, 1, 1, projectAudit + userAudit), grew);
        Assert.True(projectAudit >= 7, $"{projectAudit} audit entries for a project, three environments, two flags, a toggle and a key");
        Assert.Equal(store.Time.GetUtcNow(), after.CountedAt);
        Assert.False(string.IsNullOrWhiteSpace(after.Kind));
        Assert.False(string.IsNullOrWhiteSpace(after.Version));
        Assert.All(after.Sizes, size => Assert.True(size.Bytes >= 0, $"{size.Part}: {size.Bytes} bytes"));
    }

    [Fact]
    public async Task A_closed_store_has_no_statistics()
    {
        await using var store = await CreateStoreAsync();
        await store.Lifetime.CloseAsync();

        await Assert.ThrowsAsync<StoreUnavailableException>(() => StatisticsAsync(store));
    }
}
