using System.Collections.Concurrent;
using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using Xunit;

namespace FlagAdmin.Storage.Contract;

public abstract partial class FlagRepositoryContract
{
    [Fact]
    public async Task Concurrent_toggles_either_succeed_with_one_audit_entry_each_or_conflict()
    {
        const int Writers = 32;
        const int TogglesEach = 50;
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        await CreateFlagAsync(store, key, "contended");
        var successes = new ConcurrentBag<FlagState>();
        var conflicts = 0;
        var unexpected = new ConcurrentBag<Exception>();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var actor = new ChangeContext($"writer-{writer}");
            for (var i = 0; i < TogglesEach; i++)
            {
                try
                {
                    var current = await StateAsync(store, key, "contended", "production");
                    successes.Add(await store.Repository.UpdateStateAsync(
                        FlagStateUpdate.From(current) with { Enabled = !current.Enabled, RolloutBasisPoints = writer * 100 + i }, actor));
                }
                catch (VersionConflictException)
                {
                    Interlocked.Increment(ref conflicts);
                }
                catch (Exception e)
                {
                    unexpected.Add(e);
                }
            }
        })));

        Assert.Empty(unexpected);
        Assert.Equal(Writers * TogglesEach, successes.Count + conflicts);
        Assert.NotEmpty(successes);
        Assert.Equal(successes.Count, successes.Select(s => s.Version).Distinct().Count());
        var audit = await AllAuditAsync(store, key, q => q with { FlagKey = "contended", EnvironmentKey = "production" });
        Assert.Equal(successes.Count, audit.Count);
        var final = await StateAsync(store, key, "contended", "production");
        Assert.Contains(final, successes);
        var newest = JsonSerializer.Deserialize<FlagState>(audit[0].After!, FlagAdminJson.Options)!;
        Assert.Equal(final, newest with { Version = final.Version });
        var written = successes.Select(s => (s.RolloutBasisPoints, s.UpdatedBy)).ToHashSet();
        Assert.All(audit, e => Assert.Contains(
            (JsonSerializer.Deserialize<FlagState>(e.After!, FlagAdminJson.Options)!.RolloutBasisPoints, e.Actor), written));
    }
}
