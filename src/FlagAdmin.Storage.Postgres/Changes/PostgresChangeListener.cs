using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Observability;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace FlagAdmin.Storage.Postgres.Changes;

/// <summary>
/// Keeps this process in step with every other process on the same database (docs/decisions/0006). It
/// holds one connection of its own that <c>LISTEN</c>s on <see cref="Channel"/>; each notification, and
/// every <see cref="PostgresChangeListenerOptions.PollInterval"/> without one, it reads the audit entries
/// it has not applied yet and tells the registered <see cref="IFlagChangeNotifier"/> (and clears the
/// <see cref="SdkKeyCache"/> when keys changed). A notification only says "look"; what changed is read
/// from the audit log, so a lost notification, a dropped connection or transactions committing out of
/// order delay a change but never lose it.
/// </summary>
/// <remarks>
/// <para>Which entries are new is decided by transaction ids, not entry ids: entry ids are taken before
/// commit, so a lower id can become visible after a higher one. The listener keeps a horizon, the oldest
/// transaction still running when it last read (<c>pg_snapshot_xmin</c>), and reads every entry written by
/// a transaction at or above it. Every transaction below the horizon had finished, so nothing can appear
/// there later; entries above it that were already applied are remembered by id until the horizon passes them.</para>
/// <para>The horizon is first read in <see cref="StartAsync"/>, which the host awaits before it starts the
/// hosted services registered after this one (the snapshot loader among them): every change the initial
/// load may miss is then at or above it. When the database cannot be reached at start-up, the listener
/// instead reloads every project once it connects.</para>
/// <para>Changes this process made itself come back too and are applied again. That costs one re-read per
/// change, and it is what repairs the local snapshot when telling it right after the write failed.</para>
/// </remarks>
public sealed partial class PostgresChangeListener : BackgroundService
{
    /// <summary>The notification channel (<see cref="ChangeSignal"/> sends on it after commits); nothing is trusted from a payload.</summary>
    public const string Channel = "flagadmin_changes";

    private const string ApplicationName = "FlagAdmin change listener";

    private readonly string _connectionString;
    private readonly PostgresChangeListenerOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILogger<PostgresChangeListener> _logger;
    private readonly TimeProvider _time;

    /// <summary>Entries at or above the horizon already applied: entry id → transaction id.</summary>
    private readonly Dictionary<long, ulong> _applied = [];
    private ulong? _horizon;
    private NpgsqlConnection? _connection;
    private int _notified;
    private volatile bool _listening;
    private int _backendProcessId;
    private bool _applyFailing;
    private FlagAdminMetrics? _metrics;

    public PostgresChangeListener(
        string connectionString, PostgresChangeListenerOptions options, IServiceProvider services,
        ILogger<PostgresChangeListener> logger, TimeProvider time)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // One long-lived connection of its own: never shared through a pool, never multiplexed (LISTEN needs a session).
            Pooling = false,
            Multiplexing = false,
        };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = ApplicationName;
        }
        _connectionString = builder.ConnectionString;
        _options = options;
        _services = services;
        _logger = logger;
        _time = time;
    }

    /// <summary>True while the listening connection is up; false while it is down and being re-established.</summary>
    public bool IsListening => _listening;

    /// <summary>The server process of the listening connection, for tests that cut it.</summary>
    internal int BackendProcessId => Volatile.Read(ref _backendProcessId);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartTimeout);
        try
        {
            _connection = await ConnectAsync(timeout.Token);
            _horizon = await ReadHorizonAsync(_connection, timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogNoStartPosition(_logger, Reason(e));
            await DisposeAsync(_connection);
            _connection = null;
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var notifier = _services.GetService<IFlagChangeNotifier>();
        var keys = _services.GetService<SdkKeyCache>();
        _metrics = _services.GetService<FlagAdminMetrics>();
        if (notifier is null && keys is null)
        {
            await DisposeAsync(_connection);
            return;
        }
        var connection = _connection;
        _connection = null;
        var delay = _options.ReconnectDelay;
        DateTimeOffset? lostAt = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (connection is null)
                    {
                        connection = await ConnectAsync(stoppingToken);
                        if (_horizon is null)
                        {
                            // Set only once the reload succeeded, so a failed reload is done again.
                            var horizon = await ReadHorizonAsync(connection, stoppingToken);
                            await ReloadEverythingAsync(connection, notifier, stoppingToken);
                            _horizon = horizon;
                        }
                    }
                    _listening = true;
                    delay = _options.ReconnectDelay;
                    if (lostAt is { } since)
                    {
                        LogReconnected(_logger, (_time.GetUtcNow() - since).TotalSeconds);
                        lostAt = null;
                        // Belt and braces: the catch-up below replays revocations too.
                        keys?.Clear();
                    }
                    else
                    {
                        LogListening(_logger, Channel);
                    }
                    await FollowAsync(connection, notifier, keys, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    _listening = false;
                    if (lostAt is null)
                    {
                        LogConnectionLost(_logger, Reason(e));
                        lostAt = _time.GetUtcNow();
                    }
                    await DisposeAsync(connection);
                    connection = null;
                    await Task.Delay(Jittered(delay), _time, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _listening = false;
            await DisposeAsync(connection);
        }
    }

    /// <summary>Catches up, then waits for a notification or the poll interval, and again; returns only by throwing.</summary>
    private async Task FollowAsync(NpgsqlConnection connection, IFlagChangeNotifier? notifier, SdkKeyCache? keys, CancellationToken cancellationToken)
    {
        while (true)
        {
            var applied = await CatchUpAsync(connection, notifier, keys, cancellationToken);
            // A notification read while the catch-up query ran may be for a commit that query did not see.
            if (Interlocked.Exchange(ref _notified, 0) == 0)
            {
                // After a failure to apply (the store's other connections broke, say) try again soon, not at the next poll.
                await connection.WaitAsync(applied ? _options.PollInterval : _options.ReconnectDelay, cancellationToken);
                Interlocked.Exchange(ref _notified, 0);
            }
        }
    }

    private async Task<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            connection.Notification += (_, _) => Interlocked.Exchange(ref _notified, 1);
            await using var listen = new NpgsqlCommand($"LISTEN {Channel}", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            Volatile.Write(ref _backendProcessId, connection.ProcessID);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<ulong> ReadHorizonAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())", connection);
        return (ulong)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Reads the entries at or above the horizon and the next horizon in one statement (one snapshot), applies
    /// the ones not applied yet, and only then moves the horizon. When applying fails, nothing moves (false):
    /// the same entries are applied again at the next wake-up, which is harmless.
    /// </summary>
    private async Task<bool> CatchUpAsync(NpgsqlConnection connection, IFlagChangeNotifier? notifier, SdkKeyCache? keys, CancellationToken cancellationToken)
    {
        var (horizon, entries) = await ReadSinceAsync(connection, _horizon!.Value, cancellationToken);
        var fresh = entries.Where(e => !_applied.ContainsKey(e.Id)).ToList();
        if (fresh.Count > 0)
        {
            try
            {
                await ApplyAsync(fresh, notifier, keys, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                if (!_applyFailing)
                {
                    LogApplyFailed(_logger, fresh.Count, Reason(e));
                    _applyFailing = true;
                }
                return false;
            }
            _applyFailing = false;
            LogApplied(_logger, fresh.Count);
            RecordLag(fresh);
        }
        foreach (var entry in fresh)
        {
            _applied[entry.Id] = entry.TxId;
        }
        _horizon = horizon;
        foreach (var id in _applied.Where(a => a.Value < horizon).Select(a => a.Key).ToList())
        {
            _applied.Remove(id);
        }
        return true;
    }

    /// <summary>How long each change took from its audit entry (written in its transaction) to being applied here.</summary>
    private void RecordLag(List<Change> applied)
    {
        if (_metrics?.PropagationLag is not { Enabled: true } lag)
        {
            return;
        }
        var now = _time.GetUtcNow();
        foreach (var change in applied)
        {
            lag.Record(Math.Max(0, (now - change.At).TotalSeconds));
        }
    }

    private const string ReadSinceSql = """
        SELECT s.horizon, a.id, a.tx_id, a.action, a.project_key, a.flag_key, a.actor, a.at
        FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon) s
        LEFT JOIN audit_entries a ON a.tx_id >= @horizon
        ORDER BY a.id
        """;

    private static async Task<(ulong Horizon, List<Change> Entries)> ReadSinceAsync(
        NpgsqlConnection connection, ulong horizon, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReadSinceSql, connection);
        command.Parameters.Add(new NpgsqlParameter<ulong>("horizon", NpgsqlDbType.Xid8) { TypedValue = horizon });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<Change>();
        var next = horizon;
        while (await reader.ReadAsync(cancellationToken))
        {
            next = reader.GetFieldValue<ulong>(0);
            if (!reader.IsDBNull(1))
            {
                entries.Add(new Change(
                    reader.GetInt64(1),
                    reader.GetFieldValue<ulong>(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.GetString(6),
                    reader.GetFieldValue<DateTimeOffset>(7)));
            }
        }
        return (next, entries);
    }

    /// <summary>
    /// Tells the notifier once per flag and once per project however many entries name them (it re-reads the
    /// current state anyway); a project reload covers its flags. Key changes clear the cache first.
    /// </summary>
    private static async Task ApplyAsync(List<Change> changes, IFlagChangeNotifier? notifier, SdkKeyCache? keys, CancellationToken cancellationToken)
    {
        var projects = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new Dictionary<(string Project, string Flag), string>();
        var keysChanged = false;
        foreach (var change in changes)
        {
            if (change.ProjectKey == UserAudit.ProjectKey)
            {
                // Users and access tokens are in no project's snapshot; they are read from the database when needed.
                continue;
            }
            if (change.Action is nameof(AuditAction.SdkKeyCreated) or nameof(AuditAction.SdkKeyRevoked))
            {
                keysChanged = true;
            }
            else if (change.FlagKey is { } flagKey)
            {
                flags[(change.ProjectKey, flagKey)] = change.Actor;
            }
            else
            {
                // Projects and environments, and whatever a newer version may add without a flag key.
                projects[change.ProjectKey] = change.Actor;
            }
        }
        if (keysChanged)
        {
            keys?.Clear();
        }
        if (notifier is null)
        {
            return;
        }
        foreach (var (project, actor) in projects)
        {
            await notifier.ProjectChangedAsync(project, actor, cancellationToken);
        }
        foreach (var ((project, flag), actor) in flags)
        {
            if (!projects.ContainsKey(project))
            {
                await notifier.FlagChangedAsync(project, flag, actor, cancellationToken);
            }
        }
    }

    /// <summary>Without a start position the initial load may have missed a change: reload every project once.</summary>
    private static async Task ReloadEverythingAsync(NpgsqlConnection connection, IFlagChangeNotifier? notifier, CancellationToken cancellationToken)
    {
        if (notifier is null)
        {
            return;
        }
        var projects = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT key FROM projects ORDER BY key", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                projects.Add(reader.GetString(0));
            }
        }
        foreach (var project in projects)
        {
            await notifier.ProjectChangedAsync(project, "change listener", cancellationToken);
        }
    }

    private static TimeSpan Jittered(TimeSpan delay) => delay * (0.8 + 0.4 * Random.Shared.NextDouble());

    private static async Task DisposeAsync(NpgsqlConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>The first line of the innermost exception: what went wrong, never a connection string or password.</summary>
    private static string Reason(Exception exception) => exception.GetBaseException().Message.Split('\n')[0].Trim();

    private sealed record Change(long Id, ulong TxId, string Action, string ProjectKey, string? FlagKey, string Actor, DateTimeOffset At);

    [LoggerMessage(Level = LogLevel.Information, Message = "Following changes from other processes (PostgreSQL channel {Channel}).")]
    private static partial void LogListening(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not learn the change feed's position at start-up ({Reason}); every project is reloaded once the connection is up.")]
    private static partial void LogNoStartPosition(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection that follows changes from other processes ({Reason}); evaluation keeps serving the flags it has, and the connection is re-established by itself.")]
    private static partial void LogConnectionLost(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Following changes again after {Seconds:0.0} s without a connection; catching up on what changed meanwhile.")]
    private static partial void LogReconnected(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not apply {Count} changes from the audit log ({Reason}); retrying until it works.")]
    private static partial void LogApplyFailed(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applied {Count} changes from the audit log.")]
    private static partial void LogApplied(ILogger logger, int count);
}
