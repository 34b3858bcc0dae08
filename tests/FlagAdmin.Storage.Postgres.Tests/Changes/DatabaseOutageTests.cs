using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Storage.Postgres.Tests.Changes;

/// <summary>
/// PostgreSQL really goes away (its container is stopped) under two processes and comes back (started again on the
/// same port): meanwhile both keep serving their snapshots and a write fails as unavailable with nothing stored;
/// afterwards both write again and stay in step, without being restarted.
/// </summary>
[Collection(PostgresOutageCollection.Name)]
public sealed class DatabaseOutageTests(StoppablePostgres postgres) : IAsyncLifetime
{
    private const string Project = "shop";
    private static readonly ChangeContext Alice = new("alice@example.com", null);

    private readonly List<FlagAdminProcess> _processes = [];
    private string _database = "";

    public async Task InitializeAsync() => _database = await postgres.Server.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        await postgres.Server.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task While_the_database_is_stopped_both_processes_serve_their_snapshots_and_afterwards_writes_reach_both()
    {
        var writer = await StartAsync("writer");
        await writer.Service.CreateProjectAsync(new NewProject(Project, "Shop"), Alice);
        await writer.Service.CreateEnvironmentAsync(new NewEnvironment(Project, "production", "Production", 1), Alice);
        await writer.Service.CreateFlagAsync(new NewFlag { ProjectKey = Project, Key = "checkout", Name = "Checkout" }, Alice);
        var reader = await StartAsync("reader");
        var before = (await writer.Service.GetFlagAsync(Project, "checkout")).StateIn("production")!;

        await postgres.StopAsync();
        try
        {
            await Eventually.HoldsAsync(() => !reader.Listener.IsListening, "the reader notices the database is gone");
            await Assert.ThrowsAsync<StoreUnavailableException>(() =>
                writer.Service.SetEnabledAsync(Project, "checkout", "production", true, before.Version, Alice));
            Assert.False(writer.ServesEnabled(Project, "production", "checkout"));
            Assert.False(reader.ServesEnabled(Project, "production", "checkout"));
        }
        finally
        {
            await postgres.StartAsync();
        }

        await Eventually.HoldsAsync(() => reader.Listener.IsListening, "the reader listens again");
        var after = (await writer.Service.GetFlagAsync(Project, "checkout")).StateIn("production")!;
        Assert.Equal(before, after);
        await writer.Service.SetEnabledAsync(Project, "checkout", "production", true, after.Version, Alice);
        await Eventually.HoldsAsync(() => reader.ServesEnabled(Project, "production", "checkout") == true, "the reader serves the toggle");
        Assert.True(writer.ServesEnabled(Project, "production", "checkout"));
    }

    private async Task<FlagAdminProcess> StartAsync(string name)
    {
        var process = await FlagAdminProcess.StartAsync(_database, name, pollInterval: TimeSpan.FromMinutes(10));
        _processes.Add(process);
        return process;
    }
}
