using FlagAdmin.Storage.Contract;

namespace FlagAdmin.Storage.Memory.Tests;

public sealed class MemoryUserRepositoryTests : UserRepositoryContract
{
    protected override Task<StoreUnderTest> CreateStoreAsync(ManualTimeProvider time)
    {
        var repository = new MemoryFlagRepository(time);
        return Task.FromResult(new StoreUnderTest(repository, repository, time));
    }
}
