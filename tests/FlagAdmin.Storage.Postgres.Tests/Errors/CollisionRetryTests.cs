using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Testing.Postgres;
using static FlagAdmin.Storage.Postgres.Tests.Errors.ErrorScenario;

namespace FlagAdmin.Storage.Postgres.Tests.Errors;

/// <summary>
/// Serialization failures (40001) and deadlocks (40P01) on a real PostgreSQL: the store runs the transaction again a
/// few times, then reports a <see cref="TransactionConflictException"/>; any other error the database raises is a
/// <see cref="StoreFailedException"/> at once. Whatever happens, a change is stored once or not at all.
/// </summary>
public sealed class CollisionRetryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Theory]
    [InlineData("40001")]
    [InlineData("40P01")]
    public async Task A_toggle_that_collides_twice_is_tried_again_and_stored_once(string sqlState)
    {
        await using var scenario = await CreateAsync(postgres);
        var before = await scenario.StateAsync("a");
        await scenario.RaiseOnAuditAsync(sqlState, times: 2);

        var toggled = await scenario.Service.SetEnabledAsync(Project, "a", Production, true, before.Version, Alice);

        Assert.Equal(3, await scenario.FiringsAsync());
        Assert.Equal(toggled, await scenario.StateAsync("a"));
        Assert.Equal(AuditAction.FlagToggled, Assert.Single(await scenario.AuditAsync("a"), e => e.Action != AuditAction.FlagCreated).Action);
    }

    [Fact]
    public async Task A_write_in_a_transaction_of_its_own_that_collides_is_tried_again_and_stored_once()
    {
        await using var scenario = await CreateAsync(postgres);
        await scenario.RaiseOnAuditAsync("40001", times: 1);

        await scenario.Service.CreateFlagAsync(new NewFlag { ProjectKey = Project, Key = "c", Name = "C" }, Alice);

        Assert.Equal(2, await scenario.FiringsAsync());
        Assert.Equal(AuditAction.FlagCreated, Assert.Single(await scenario.AuditAsync("c")).Action);
    }

    [Fact]
    public async Task A_write_that_keeps_colliding_is_a_transaction_conflict_after_a_few_tries_and_changes_nothing()
    {
        await using var scenario = await CreateAsync(postgres);
        var before = await scenario.StateAsync("a");
        await scenario.RaiseOnAuditAsync("40001");

        var error = await Assert.ThrowsAsync<TransactionConflictException>(() =>
            scenario.Service.SetEnabledAsync(Project, "a", Production, true, before.Version, Alice));
        var b = await scenario.StateAsync("b");
        await Assert.ThrowsAsync<TransactionConflictException>(() =>
            scenario.Service.InTransactionAsync((service, ct) => service.SetEnabledAsync(Project, "b", Production, true, b.Version, Alice, ct)));

        Assert.Equal(2 * EfFlagRepository.CollisionAttempts, await scenario.FiringsAsync());
        Assert.Contains("collided with other changes", error.Message);
        Assert.Equal(before, await scenario.StateAsync("a"));
        Assert.Equal([AuditAction.FlagCreated], (await scenario.AuditAsync("a")).Select(e => e.Action));
        Assert.Equal([AuditAction.FlagCreated], (await scenario.AuditAsync("b")).Select(e => e.Action));
    }

    /// <summary>
    /// Two transactions change flags a and b in opposite order, each waiting after its first change until the other
    /// made its own: a real deadlock, which PostgreSQL breaks by failing one of them (40P01). The store runs that one
    /// again, from the start, and both end up stored, one after the other, each change audited once. (The second run
    /// waits for the other transaction to end, else it could read a version the other is about to replace: a conflict.)
    /// </summary>
    [Fact]
    public async Task Two_transactions_that_deadlock_both_succeed_because_the_victim_runs_again()
    {
        await using var scenario = await CreateAsync(postgres);
        var one = new Progress();
        var two = new Progress();

        var runs = await Task.WhenAll(
            ChangeBothAsync(scenario.Store, ["a", "b"], One, one, two),
            ChangeBothAsync(scenario.Store, ["b", "a"], Two, two, one));

        Assert.Equal([1, 2], runs.Order());
        var (a, b) = (await scenario.StateAsync("a"), await scenario.StateAsync("b"));
        Assert.Equal(a.UpdatedBy, b.UpdatedBy); // one transaction after the other, not interleaved
        foreach (var flag in new[] { "a", "b" })
        {
            var changes = (await scenario.AuditAsync(flag)).Where(e => e.Action != AuditAction.FlagCreated).Select(e => e.Actor);
            Assert.Equal([One.Actor, Two.Actor], changes.Order());
        }
    }

    [Fact]
    public async Task Another_error_the_database_raises_is_a_store_failure_at_once_and_changes_nothing()
    {
        await using var scenario = await CreateAsync(postgres);
        var before = await scenario.StateAsync("a");
        await scenario.RaiseOnAuditAsync("P0001");

        var error = await Assert.ThrowsAsync<StoreFailedException>(() =>
            scenario.Service.SetEnabledAsync(Project, "a", Production, true, before.Version, Alice));
        var created = await Assert.ThrowsAsync<StoreFailedException>(() =>
            scenario.Service.CreateFlagAsync(new NewFlag { ProjectKey = Project, Key = "c", Name = "C" }, Alice));

        Assert.Equal(2, await scenario.FiringsAsync());
        Assert.Equal("P0001", error.Code);
        Assert.Equal("The database refused the request (error P0001), so nothing was saved; the server log has the details.", created.Message);
        Assert.Equal(before, await scenario.StateAsync("a"));
        Assert.Null(await scenario.Store.GetFlagAsync(Project, "c"));
        Assert.Empty(await scenario.AuditAsync("c"));
    }

    private static readonly ChangeContext One = new("one@example.com");
    private static readonly ChangeContext Two = new("two@example.com");

    /// <summary>Sets a rollout of its own on each flag in <paramref name="order"/> in one transaction; returns how many times it ran.</summary>
    private static async Task<int> ChangeBothAsync(EfFlagRepository store, string[] order, ChangeContext actor, Progress mine, Progress other)
    {
        var runs = 0;
        await store.InTransactionAsync(async (transaction, ct) =>
        {
            if (++runs > 1)
            {
                await other.Done.Task;
            }
            foreach (var flag in order)
            {
                var state = (await transaction.GetFlagAsync(Project, flag, ct))!.StateIn(Production)!;
                await transaction.UpdateStateAsync(FlagStateUpdate.From(state) with { RolloutBasisPoints = actor == One ? 1_000 : 2_000 }, actor, ct);
                if (runs == 1 && flag == order[0])
                {
                    mine.FirstHeld.SetResult();
                    await other.FirstHeld.Task;
                }
            }
            return 0;
        });
        mine.Done.SetResult();
        return runs;
    }

    private sealed class Progress
    {
        public TaskCompletionSource FirstHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
