using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Storage.Contract;

namespace FlagAdmin.Storage.Memory.Tests;

/// <summary>
/// The watermark of a list of changes waits for the write in progress, however long it runs: the memory store knows
/// when its one writer took the write gate.
/// </summary>
public sealed class MemorySyncWatermarkTests
{
    private static readonly ChangeContext Alice = new("alice@example.com");

    [Fact]
    public async Task A_list_of_changes_read_during_a_long_transaction_starts_its_successor_before_the_transaction_began()
    {
        var time = new ManualTimeProvider();
        var store = new MemoryFlagRepository(time);
        await store.CreateProjectAsync(new NewProject("shop", "Shop"), Alice);
        var began = time.GetUtcNow();
        FlagPage? readMeanwhile = null;

        await store.InTransactionAsync(async (transaction, ct) =>
        {
            time.Advance(TimeSpan.FromMinutes(10));
            await transaction.CreateFlagAsync(FlagValidator.Normalize(new NewFlag { ProjectKey = "shop", Key = "imported", Name = "Imported" }), Alice, ct);
            time.Advance(TimeSpan.FromMinutes(10));
            readMeanwhile = await store.QueryFlagsAsync(new FlagQuery { ProjectKey = "shop", ModifiedSince = began }, ct);
            return true;
        });

        Assert.Empty(readMeanwhile!.Items);
        Assert.Equal(Clock.ToMicroseconds(began - SyncWatermark.ClockAllowance), readMeanwhile.SyncedTo);
        var next = await store.QueryFlagsAsync(new FlagQuery { ProjectKey = "shop", ModifiedSince = readMeanwhile.SyncedTo });
        Assert.Equal(["imported"], next.Items.Select(d => d.Flag.Key));
        var after = await store.QueryFlagsAsync(new FlagQuery { ProjectKey = "shop", ModifiedSince = began });
        Assert.Equal(Clock.ToMicroseconds(time.GetUtcNow() - SyncWatermark.ClockAllowance), after.SyncedTo);
    }
}
