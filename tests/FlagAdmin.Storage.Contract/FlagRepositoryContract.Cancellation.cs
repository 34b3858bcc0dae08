using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using Xunit;

namespace FlagAdmin.Storage.Contract;

/// <summary>A cancelled call throws <see cref="OperationCanceledException"/> and changes nothing, no audit entry either.</summary>
public abstract partial class FlagRepositoryContract
{
    private static readonly CancellationToken Cancelled = new(canceled: true);

    [Fact]
    public async Task Every_write_called_with_a_cancelled_token_throws_and_changes_nothing()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var flag = (await CreateFlagAsync(store, key, "kept")).Flag;
        var project = (await store.Repository.GetProjectAsync(key))!;
        var production = (await store.Repository.ListEnvironmentsAsync(key)).Single(e => e.Key == "production");
        var state = await StateAsync(store, key, "kept", "production");
        var before = await SnapshotAsync(store, key);
        var repository = store.Repository;

        List<Func<Task>> writes =
        [
            () => repository.CreateProjectAsync(new NewProject(UniqueKey(), "Never"), Alice, Cancelled),
            () => repository.UpdateProjectAsync(new ProjectUpdate(key, project.Version, "Renamed", true), Alice, Cancelled),
            () => repository.CreateEnvironmentAsync(new NewEnvironment(key, "qa", "QA", 40), Alice, Cancelled),
            () => repository.UpdateEnvironmentAsync(new EnvironmentUpdate(key, "production", production.Version, "Live", 5, false), Alice, Cancelled),
            () => repository.CreateFlagAsync(Boolean(key, "never", "Never"), Alice, Cancelled),
            () => repository.UpdateFlagAsync(new FlagUpdate { ProjectKey = key, Key = "kept", ExpectedVersion = flag.Version, Name = "Renamed", Variants = flag.Variants }, Alice, Cancelled),
            () => repository.UpdateStateAsync(FlagStateUpdate.From(state) with { Enabled = true }, Alice, Cancelled),
            () => repository.SetArchivedAsync(key, "kept", flag.Version, true, Alice, Cancelled),
            () => repository.DeleteFlagAsync(key, "kept", flag.Version, Alice, Cancelled),
            () => repository.InTransactionAsync((transaction, ct) => transaction.UpdateStateAsync(FlagStateUpdate.From(state) with { Enabled = true }, Alice, ct), Cancelled),
        ];
        foreach (var write in writes)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(write);
        }

        Assert.Equal(before, await SnapshotAsync(store, key));
        Assert.Equal(1, (await repository.ListProjectsAsync()).Count(p => p.Key == key));
    }

    [Fact]
    public async Task A_read_called_with_a_cancelled_token_throws()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        await CreateFlagAsync(store, key, "read");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Repository.GetFlagAsync(key, "read", Cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key }, Cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Repository.ListProjectsAsync(Cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Audit.QueryAsync(new AuditQuery { ProjectKey = key }, Cancelled));
    }

    [Fact]
    public async Task A_write_cancelled_while_it_waits_for_a_transaction_changes_nothing_once_the_transaction_ends()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var before = (await CreateFlagAsync(store, key, "contended")).StateIn("production")!;
        using var giveUp = new CancellationTokenSource();
        Task<FlagState>? outside = null;

        var inside = await store.Repository.InTransactionAsync(async (transaction, ct) =>
        {
            var written = await transaction.UpdateStateAsync(FlagStateUpdate.From(before) with { Enabled = true }, Alice, ct);
            outside = Task.Run(() => store.Repository.UpdateStateAsync(FlagStateUpdate.From(before) with { RolloutBasisPoints = 500 }, Bob, giveUp.Token));
            // The outside write is waiting for this transaction (or about to); it is given up on before the commit.
            await Task.WhenAny(outside, Task.Delay(TimeSpan.FromMilliseconds(300), ct));
            await giveUp.CancelAsync();
            await Task.WhenAny(outside, Task.Delay(TimeSpan.FromSeconds(10), ct));
            return written;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => outside!);
        Assert.Equal(inside, await StateAsync(store, key, "contended", "production"));
        var audit = await AllAuditAsync(store, key, q => q with { FlagKey = "contended", EnvironmentKey = "production" });
        Assert.DoesNotContain(audit, e => e.Actor == Bob.Actor);
    }

    [Fact]
    public async Task A_transaction_cancelled_between_its_writes_stores_none_of_them()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var state = (await CreateFlagAsync(store, key, "first")).StateIn("production")!;
        var before = await SnapshotAsync(store, key);
        using var giveUp = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Repository.InTransactionAsync(async (transaction, ct) =>
        {
            await transaction.UpdateStateAsync(FlagStateUpdate.From(state) with { Enabled = true }, Alice, ct);
            await giveUp.CancelAsync();
            return await transaction.CreateFlagAsync(Boolean(key, "second", "Second"), Alice, ct);
        }, giveUp.Token));

        Assert.Equal(before, await SnapshotAsync(store, key));
    }

    /// <summary>Everything a project holds that a write could change: the project, its environments, its flags with their states, and its audit trail.</summary>
    private static async Task<string> SnapshotAsync(StoreUnderTest store, string key)
    {
        var project = await store.Repository.GetProjectAsync(key);
        var environments = await store.Repository.ListEnvironmentsAsync(key);
        var flags = await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key, Archived = null, Limit = FlagQuery.MaxLimit });
        var audit = await AllAuditAsync(store, key);
        return System.Text.Json.JsonSerializer.Serialize(new { project, environments, flags = flags.Items, audit = audit.Select(e => e.Id) }, FlagAdmin.Core.Common.FlagAdminJson.Options);
    }
}
