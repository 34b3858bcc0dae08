using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Storage.Postgres.Changes;
using FlagAdmin.Testing.Postgres;
using Npgsql;

namespace FlagAdmin.Storage.Postgres.Tests.Changes;

/// <summary>
/// Several processes on one database stay in step: each test starts "processes" (service providers of their
/// own, composed like the host) on a fresh database and changes flags in one of them or beside them. No test
/// asserts a timing; each waits, with a deadline far beyond anything expected, for the outcome.
/// </summary>
public sealed class ChangePropagationTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private const string Project = "shop";
    private static readonly ChangeContext Alice = new("alice@example.com", null);

    /// <summary>So long that only a notification or a reconnection can explain a change arriving.</summary>
    private static readonly TimeSpan NoPolling = TimeSpan.FromMinutes(10);

    private readonly List<FlagAdminProcess> _processes = [];
    private string _database = "";

    public async Task InitializeAsync() => _database = await postgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        await postgres.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task A_change_in_one_process_reaches_the_others_snapshot_through_a_notification()
    {
        var writer = await StartAsync("writer", NoPolling);
        await SeedAsync(writer, "checkout");
        var reader = await StartAsync("reader", NoPolling);
        Assert.False(reader.ServesEnabled(Project, "production", "checkout"));

        await ToggleAsync(writer, "checkout", "production", enabled: true);
        Assert.True(writer.ServesEnabled(Project, "production", "checkout"));
        await Eventually.HoldsAsync(() => reader.ServesEnabled(Project, "production", "checkout") == true, "the reader serves the toggle");
        Assert.False(reader.ServesEnabled(Project, "staging", "checkout"));

        await writer.Service.CreateFlagAsync(new NewFlag { ProjectKey = Project, Key = "search", Name = "Search" }, Alice);
        await Eventually.HoldsAsync(() => reader.ServesEnabled(Project, "production", "search") == false, "the reader serves the new flag");

        await writer.Service.CreateEnvironmentAsync(new NewEnvironment(Project, "qa", "QA", 5), Alice);
        await Eventually.HoldsAsync(() => reader.Snapshots.Find(Project, "qa")?.Count == 2, "the reader serves the new environment");

        var search = await writer.Service.GetFlagAsync(Project, "search");
        await writer.Service.DeleteFlagAsync(Project, "search", search.Flag.Version, Alice);
        await Eventually.HoldsAsync(() => reader.ServesEnabled(Project, "production", "search") is null, "the reader drops the deleted flag");
        Assert.True(writer.Signal.Sent > 0);
        Assert.Equal(0, reader.Signal.Sent);
    }

    [Fact]
    public async Task A_change_whose_notification_never_arrives_is_applied_by_the_next_poll()
    {
        var writer = await StartAsync("writer", NoPolling);
        await SeedAsync(writer, "checkout");
        var reader = await StartAsync("reader", TimeSpan.FromMilliseconds(300));

        // As if the writer stopped between its commit and its notification: the signal's sender is gone, so the
        // toggle and its audit entry commit through the real write path and no NOTIFY is ever sent.
        await writer.Signal.StopAsync(CancellationToken.None);
        var sent = writer.Signal.Sent;
        await ToggleAsync(writer, "checkout", "production", enabled: true);
        // Beside any process, nothing raises a signal at all.
        await using (var silent = await OpenAsync())
        {
            await RawWrites.ToggleAsync(silent, Project, "checkout", "staging", enabled: true);
        }

        await Eventually.HoldsAsync(() => reader.ServesEnabled(Project, "production", "checkout") == true, "the reader serves the unannounced toggle");
        await Eventually.HoldsAsync(() => reader.ServesEnabled(Project, "staging", "checkout") == true, "the reader serves the raw toggle");
        Assert.Equal(sent, writer.Signal.Sent);
    }

    [Fact]
    public async Task The_listener_reconnects_by_itself_and_applies_changes_made_while_it_was_disconnected()
    {
        var writer = await StartAsync("writer", NoPolling);
        await SeedAsync(writer, "checkout");
        var reader = await StartAsync("reader", NoPolling, reconnectDelay: TimeSpan.FromSeconds(1));
        var listening = reader.Listener.BackendProcessId;
        Assert.NotEqual(0, listening);

        // The change commits only after the listening connection's server process is gone, so its NOTIFY
        // reaches no listener of the reader: only the catch-up after reconnecting can bring it.
        await using (var connection = await OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await RawWrites.ToggleAsync(connection, Project, "checkout", "production", enabled: true);
            await RawWrites.ExecuteAsync(connection, $"SELECT pg_terminate_backend({listening}, 30000)");
            await transaction.CommitAsync();
        }

        await Eventually.HoldsAsync(() => reader.ServesEnabled(Project, "production", "checkout") == true, "the reader serves the toggle");
        Assert.NotEqual(listening, reader.Listener.BackendProcessId);
        Assert.True(reader.Listener.IsListening);
    }

    [Fact]
    public async Task A_transaction_that_commits_after_a_later_one_is_still_applied()
    {
        var writer = await StartAsync("writer", NoPolling);
        await SeedAsync(writer, "first", "second");
        var reader = await StartAsync("reader", NoPolling);

        await using var connection = await OpenAsync();
        await using var early = await connection.BeginTransactionAsync();
        await RawWrites.ToggleAsync(connection, Project, "first", "production", enabled: true);
        await ToggleAsync(writer, "second", "production", enabled: true);
        await Eventually.HoldsAsync(() => reader.ServesEnabled(Project, "production", "second") == true, "the reader serves the later transaction");
        Assert.False(reader.ServesEnabled(Project, "production", "first"));

        await early.CommitAsync();
        // What a process's ChangeSignal sends after its commit.
        await RawWrites.ExecuteAsync(connection, $"SELECT pg_notify('{PostgresChangeListener.Channel}', '')");
        await Eventually.HoldsAsync(() => reader.ServesEnabled(Project, "production", "first") == true, "the reader serves the earlier transaction");

        // The situation staged: the entry committed last has the lower id.
        Assert.Equal(["first", "second"], await FlagKeysInIdOrderAsync(connection));
    }

    [Fact]
    public async Task While_the_database_refuses_connections_the_snapshot_keeps_serving_and_the_listener_catches_up_when_it_returns()
    {
        var writer = await StartAsync("writer", NoPolling);
        await SeedAsync(writer, "checkout");
        var reader = await StartAsync("reader", NoPolling);
        var name = new NpgsqlConnectionStringBuilder(_database).Database;
        await using var survivor = await OpenAsync();

        await using (var admin = new NpgsqlConnection(postgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            await RawWrites.ExecuteAsync(admin, $"ALTER DATABASE {name} ALLOW_CONNECTIONS false");
            await RawWrites.ExecuteAsync(admin, $"""
                SELECT pg_terminate_backend(pid, 30000) FROM pg_stat_activity
                WHERE datname = '{name}' AND pid <> {survivor.ProcessID}
                """);
        }
        try
        {
            await Eventually.HoldsAsync(() => !reader.Listener.IsListening, "the reader notices it lost its connection");
            await RawWrites.ToggleAsync(survivor, Project, "checkout", "production", enabled: true);
            Assert.False(reader.ServesEnabled(Project, "production", "checkout"));
        }
        finally
        {
            await using var admin = new NpgsqlConnection(postgres.AdminConnectionString);
            await admin.OpenAsync();
            await RawWrites.ExecuteAsync(admin, $"ALTER DATABASE {name} ALLOW_CONNECTIONS true");
        }

        await Eventually.HoldsAsync(() => reader.ServesEnabled(Project, "production", "checkout") == true, "the reader catches up");
        Assert.True(reader.Listener.IsListening);
    }

    [Fact]
    public async Task A_key_revoked_in_one_process_stops_working_in_the_other()
    {
        var writer = await StartAsync("writer", NoPolling);
        await SeedAsync(writer);
        var reader = await StartAsync("reader", NoPolling);
        var created = await writer.KeyService.CreateAsync(new NewSdkKey(Project, "production", "checkout-service"), Alice);
        Assert.False((await reader.Keys.FindAsync(created.Secret))!.IsRevoked); // now cached by the reader

        await writer.KeyService.RevokeAsync(Project, created.Key.Id, created.Key.Version, Alice);

        await Eventually.HoldsAsync(async () => (await reader.Keys.FindAsync(created.Secret))!.IsRevoked, "the reader sees the revocation");
    }

    [Fact]
    public async Task Closing_the_store_closes_its_listener_and_signal_connections_with_its_pool()
    {
        var process = await StartAsync("closing", NoPolling);
        await SeedAsync(process, "checkout");
        await Eventually.HoldsAsync(() => process.Listener.IsListening, "the listener is listening");
        var listenerPid = process.Listener.BackendProcessId;
        Assert.True(await ConnectionsAsync("closing") >= 2, "the listener and the signal hold connections of their own");

        await process.Lifetime.CloseAsync();

        Assert.False(process.Listener.IsListening);
        // A closed connection's server process leaves pg_stat_activity a moment after the client has let go.
        await Eventually.HoldsAsync(async () => (long)(await PostgresFixture.ScalarAsync(_database, $"SELECT count(*) FROM pg_stat_activity WHERE pid = {listenerPid}"))! == 0,
            "the listener's server process has ended");
        await Eventually.HoldsAsync(async () => await ConnectionsAsync("closing") == 0, "no connection of the closed store is left");
        await Assert.ThrowsAsync<StoreUnavailableException>(() => process.Lifetime.PingAsync());
    }

    private async Task<long> ConnectionsAsync(string name) =>
        (long)(await PostgresFixture.ScalarAsync(_database, $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{name}'"))!;

    private async Task<FlagAdminProcess> StartAsync(string name, TimeSpan pollInterval, TimeSpan? reconnectDelay = null)
    {
        var process = await FlagAdminProcess.StartAsync(_database, name, pollInterval, reconnectDelay);
        _processes.Add(process);
        return process;
    }

    private static async Task SeedAsync(FlagAdminProcess process, params string[] flagKeys)
    {
        await process.Service.CreateProjectAsync(new NewProject(Project, "Shop"), Alice);
        await process.Service.CreateEnvironmentAsync(new NewEnvironment(Project, "staging", "Staging", 10), Alice);
        await process.Service.CreateEnvironmentAsync(new NewEnvironment(Project, "production", "Production", 20), Alice);
        foreach (var flagKey in flagKeys)
        {
            await process.Service.CreateFlagAsync(new NewFlag { ProjectKey = Project, Key = flagKey, Name = flagKey }, Alice);
        }
    }

    private static async Task ToggleAsync(FlagAdminProcess process, string flagKey, string environmentKey, bool enabled)
    {
        var state = (await process.Service.GetFlagAsync(Project, flagKey)).StateIn(environmentKey)!;
        await process.Service.SetEnabledAsync(Project, flagKey, environmentKey, enabled, state.Version, Alice);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<List<string>> FlagKeysInIdOrderAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT flag_key FROM audit_entries WHERE action = 'FlagToggled' ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }
}
