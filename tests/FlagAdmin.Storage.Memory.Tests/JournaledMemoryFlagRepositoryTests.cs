using FlagAdmin.Storage.Contract;

namespace FlagAdmin.Storage.Memory.Tests;

/// <summary>
/// The repository contract against a memory store kept in a data file, which a new store opens again once the first is
/// closed (<see cref="StoreUnderTest.Reopen"/>). Not flushed to disk: the file's contents are tested, not the disk.
/// </summary>
public sealed class JournaledMemoryFlagRepositoryTests : FlagRepositoryContract
{
    protected override Task<StoreUnderTest> CreateStoreAsync(ManualTimeProvider time)
    {
        var directory = Directory.CreateTempSubdirectory("flagadmin-contract-").FullName;
        var dataFile = Path.Combine(directory, "flags.jsonl");
        var first = new MemoryFlagRepository(time, dataFile, flushToDisk: false);
        var reopened = new List<MemoryFlagRepository>();
        return Task.FromResult(new StoreUnderTest(first, first, time)
        {
            Reopen = () =>
            {
                var again = new MemoryFlagRepository(time, dataFile, flushToDisk: false);
                reopened.Add(again);
                return Task.FromResult(new StoreUnderTest(again, again, time) { OnDispose = again.CloseAsync });
            },
            OnDispose = async () =>
            {
                foreach (var store in reopened.Prepend(first))
                {
                    await store.CloseAsync();
                }
                Directory.Delete(directory, recursive: true);
            },
        });
    }
}
