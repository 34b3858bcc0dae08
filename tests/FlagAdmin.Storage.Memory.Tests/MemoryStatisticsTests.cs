using FlagAdmin.Core.Common;
using FlagAdmin.Core.Projects;
using FlagAdmin.Storage.Contract;

namespace FlagAdmin.Storage.Memory.Tests;

/// <summary>What only the memory store's statistics say: no schema, and the data file's size when there is one.</summary>
public sealed class MemoryStatisticsTests
{
    private static readonly ChangeContext Alice = new("alice@example.com");

    [Fact]
    public async Task A_store_without_a_data_file_has_no_schema_and_nothing_on_disk()
    {
        await using var store = new MemoryFlagRepository(new ManualTimeProvider());

        var statistics = await store.GetStatisticsAsync();

        Assert.Equal("Memory", statistics.Kind);
        Assert.Null(statistics.Migrations);
        Assert.Empty(statistics.Sizes);
        Assert.Contains("no data file", statistics.Version);
    }

    [Fact]
    public async Task A_store_kept_in_a_data_file_reports_the_files_size_as_it_grows()
    {
        var directory = Directory.CreateTempSubdirectory("flagadmin-stats-").FullName;
        try
        {
            var dataFile = Path.Combine(directory, "flags.jsonl");
            await using var store = new MemoryFlagRepository(new ManualTimeProvider(), dataFile, flushToDisk: false);
            var empty = Assert.Single((await store.GetStatisticsAsync()).Sizes);

            await new Core.Flags.FlagService(store, store).CreateProjectAsync(new NewProject("shop", "Shop"), Alice);

            var statistics = await store.GetStatisticsAsync();
            var size = Assert.Single(statistics.Sizes);
            Assert.Equal(("data file", 0L), (empty.Part, empty.Bytes));
            Assert.Equal(new FileInfo(dataFile).Length, size.Bytes);
            Assert.True(size.Bytes > 0);
            Assert.Contains(dataFile, statistics.Version);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
