using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using Xunit;

namespace FlagAdmin.Storage.Contract;

/// <summary>Ping and close (<see cref="FlagAdmin.Core.Common.IStoreLifetime"/>).</summary>
public abstract partial class FlagRepositoryContract
{
    [Fact]
    public async Task An_open_store_answers_a_ping_and_a_closed_one_refuses_every_call_with_store_unavailable()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var state = (await CreateFlagAsync(store, key, "closing")).StateIn("staging")!;
        await store.Lifetime.PingAsync();

        await store.Lifetime.CloseAsync();

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.Lifetime.PingAsync());
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.Repository.GetFlagAsync(key, "closing"));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.Repository.UpdateStateAsync(FlagStateUpdate.From(state) with { Enabled = true }, Bob));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.Repository.InTransactionAsync((t, ct) => t.ListProjectsAsync(ct)));
        await store.Lifetime.CloseAsync();
        if (store.Reopen is { } reopen)
        {
            await using var reopened = await reopen();
            Assert.Equal(state, await StateAsync(reopened, key, "closing", "staging"));
            Assert.DoesNotContain(await AllAuditAsync(reopened, key), e => e.Actor == Bob.Actor);
        }
    }

    [Fact]
    public async Task Closing_waits_for_a_transaction_in_progress_which_is_stored_whole_with_its_audit()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var state = (await CreateFlagAsync(store, key, "in-flight")).StateIn("production")!;
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var transaction = store.Repository.InTransactionAsync(async (t, ct) =>
        {
            var toggled = await t.UpdateStateAsync(FlagStateUpdate.From(state) with { Enabled = true }, Alice, ct);
            var created = await t.CreateFlagAsync(Boolean(key, "second", "Second"), Alice, ct);
            inside.SetResult();
            await finish.Task;
            return (toggled, created);
        });
        await inside.Task;
        var close = store.Lifetime.CloseAsync().AsTask();
        // A window for the close to cut the transaction off; it must wait, whatever the window.
        await Task.WhenAny(close, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.False(close.IsCompleted);
        finish.SetResult();
        var (toggled, created) = await transaction;
        await close;

        Assert.True(toggled.Enabled);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.Repository.GetFlagAsync(key, "second"));
        if (store.Reopen is { } reopen)
        {
            await using var reopened = await reopen();
            Assert.Equal(toggled, await StateAsync(reopened, key, "in-flight", "production"));
            Assert.Equal(created.Flag, (await reopened.Repository.GetFlagAsync(key, "second"))!.Flag);
            var audit = await AllAuditAsync(reopened, key);
            Assert.Single(audit, e => e.FlagKey == "in-flight" && e.EnvironmentKey == "production");
            Assert.Single(audit, e => e.FlagKey == "second");
        }
    }
}
