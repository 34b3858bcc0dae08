using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using Xunit;

namespace FlagAdmin.Storage.Contract;

public abstract partial class FlagRepositoryContract
{
    /// <summary>A boolean flag as <c>FlagService</c> hands it to the store (with its variants).</summary>
    private static NewFlag Boolean(string projectKey, string key, string name) =>
        FlagValidator.Normalize(new NewFlag { ProjectKey = projectKey, Key = key, Name = name });

    [Fact]
    public async Task Writes_in_a_transaction_are_stored_together_each_with_its_audit_entry_when_the_work_returns()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);

        var (created, toggled, renamed) = await store.Repository.InTransactionAsync(async (transaction, ct) =>
        {
            var flag = await transaction.CreateFlagAsync(Boolean(key, "batch", "Batch"), Alice, ct);
            var production = flag.StateIn("production")!;
            var state = await transaction.UpdateStateAsync(FlagStateUpdate.From(production) with { Enabled = true }, Bob, ct);
            var updated = await transaction.UpdateFlagAsync(new FlagUpdate
            {
                ProjectKey = key, Key = "batch", ExpectedVersion = flag.Flag.Version, Name = "Batch, renamed", Variants = flag.Flag.Variants,
            }, Alice, ct);
            return (flag, state, updated);
        });

        var stored = (await store.Repository.GetFlagAsync(key, "batch"))!;
        Assert.Equal(renamed, stored.Flag);
        Assert.Equal(toggled, stored.StateIn("production"));
        Assert.Equal(created.StateIn("staging"), stored.StateIn("staging"));
        var audit = await AllAuditAsync(store, key, q => q with { FlagKey = "batch" });
        Assert.Equal([AuditAction.FlagUpdated, AuditAction.FlagToggled, AuditAction.FlagCreated], audit.Select(e => e.Action));
        Assert.Equal([Alice.Actor, Bob.Actor, Alice.Actor], audit.Select(e => e.Actor));
        Assert.Equal("incident 42", audit[1].Reason);
    }

    [Fact]
    public async Task Inside_a_transaction_reads_see_its_writes_and_nobody_outside_sees_them_before_it_commits()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        FlagDetails? seenOutside = null;
        int auditedOutside = -1;

        var seenInside = await store.Repository.InTransactionAsync(async (transaction, ct) =>
        {
            await transaction.CreateFlagAsync(Boolean(key, "hidden", "Hidden"), Alice, ct);
            seenOutside = await store.Repository.GetFlagAsync(key, "hidden", ct);
            auditedOutside = (await AllAuditAsync(store, key, q => q with { FlagKey = "hidden" })).Count;
            var page = await transaction.QueryFlagsAsync(new FlagQuery { ProjectKey = key }, ct);
            return (await transaction.GetFlagAsync(key, "hidden", ct), page.Items.Select(f => f.Flag.Key).ToList(), page.TotalCount);
        });

        Assert.Null(seenOutside);
        Assert.Equal(0, auditedOutside);
        Assert.NotNull(seenInside.Item1);
        Assert.Equal(["hidden"], seenInside.Item2);
        Assert.Equal(1, seenInside.TotalCount);
        Assert.Equal(seenInside.Item1, await store.Repository.GetFlagAsync(key, "hidden"));
    }

    [Fact]
    public async Task When_the_work_throws_nothing_it_wrote_is_stored_or_audited()
    {
        await using var store = await CreateStoreAsync();
        var existing = await CreateProjectAsync(store);
        var flag = await CreateFlagAsync(store, existing, "kept");
        var newKey = UniqueKey();
        var auditBefore = await AllAuditAsync(store, existing);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => store.Repository.InTransactionAsync<bool>(async (transaction, ct) =>
        {
            await transaction.CreateProjectAsync(new NewProject(newKey, "Never stored"), Alice, ct);
            await transaction.CreateEnvironmentAsync(new NewEnvironment(newKey, "production", "Production", 1), Alice, ct);
            await transaction.CreateFlagAsync(Boolean(newKey, "never", "Never"), Alice, ct);
            await transaction.UpdateStateAsync(FlagStateUpdate.From(flag.StateIn("production")!) with { Enabled = true }, Alice, ct);
            await transaction.SetArchivedAsync(existing, "kept", flag.Flag.Version, archived: true, Alice, ct);
            throw new InvalidOperationException("changed my mind");
        }));

        Assert.Equal("changed my mind", thrown.Message);
        Assert.Null(await store.Repository.GetProjectAsync(newKey));
        Assert.Empty(await AllAuditAsync(store, newKey));
        Assert.Equal(flag, await store.Repository.GetFlagAsync(existing, "kept"));
        Assert.Equal(auditBefore, await AllAuditAsync(store, existing));
    }

    [Fact]
    public async Task A_write_that_fails_inside_a_transaction_changes_nothing_and_the_transaction_goes_on()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);

        var failures = await store.Repository.InTransactionAsync(async (transaction, ct) =>
        {
            var flag = await transaction.CreateFlagAsync(Boolean(key, "twice", "Twice"), Alice, ct);
            var duplicate = await Record.ExceptionAsync(() => transaction.CreateFlagAsync(Boolean(key, "twice", "Again"), Alice, ct));
            var production = flag.StateIn("production")!;
            var stale = await Record.ExceptionAsync(() => transaction.UpdateStateAsync(
                FlagStateUpdate.From(production) with { ExpectedVersion = production.Version + 1000, RolloutBasisPoints = 1 }, Alice, ct));
            await transaction.UpdateStateAsync(FlagStateUpdate.From(production) with { Enabled = true }, Alice, ct);
            return new[] { duplicate, stale };
        });

        Assert.IsType<AlreadyExistsException>(failures[0]);
        Assert.IsType<VersionConflictException>(failures[1]);
        var stored = (await store.Repository.GetFlagAsync(key, "twice"))!;
        Assert.Equal("Twice", stored.Flag.Name);
        Assert.True(stored.StateIn("production")!.Enabled);
        Assert.Equal(10_000, stored.StateIn("production")!.RolloutBasisPoints);
        Assert.Equal([AuditAction.FlagToggled, AuditAction.FlagCreated], (await AllAuditAsync(store, key, q => q with { FlagKey = "twice" })).Select(e => e.Action));
    }

    [Fact]
    public async Task A_write_from_outside_to_what_a_transaction_changed_waits_for_it_and_then_conflicts()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var before = (await CreateFlagAsync(store, key, "contended")).StateIn("production")!;
        Task<FlagState>? outside = null;

        var inside = await store.Repository.InTransactionAsync(async (transaction, ct) =>
        {
            var written = await transaction.UpdateStateAsync(FlagStateUpdate.From(before) with { Enabled = true }, Alice, ct);
            outside = Task.Run(() => store.Repository.UpdateStateAsync(FlagStateUpdate.From(before) with { RolloutBasisPoints = 500 }, Bob, ct), ct);
            // A window for the outside write to run into the transaction; it must wait, whatever the window.
            await Task.WhenAny(outside, Task.Delay(TimeSpan.FromMilliseconds(300), ct));
            return written;
        });

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => outside!);
        Assert.Equal(inside, conflict.Current);
        Assert.Equal(inside, await StateAsync(store, key, "contended", "production"));
    }

    [Fact]
    public async Task A_transaction_inside_a_transaction_is_part_of_it()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Repository.InTransactionAsync<bool>(async (transaction, ct) =>
        {
            await transaction.InTransactionAsync((nested, nestedCt) => nested.CreateFlagAsync(Boolean(key, "nested", "Nested"), Alice, nestedCt), ct);
            throw new InvalidOperationException("the outer transaction fails");
        }));

        Assert.Null(await store.Repository.GetFlagAsync(key, "nested"));
    }

    [Fact]
    public async Task The_repository_handed_to_a_transaction_refuses_writes_once_it_ended()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);

        var kept = await store.Repository.InTransactionAsync((transaction, _) => Task.FromResult(transaction));

        await Assert.ThrowsAsync<InvalidOperationException>(() => kept.CreateFlagAsync(Boolean(key, "late", "Late"), Alice));
        Assert.Null(await store.Repository.GetFlagAsync(key, "late"));
    }
}
