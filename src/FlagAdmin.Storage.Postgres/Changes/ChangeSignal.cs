using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FlagAdmin.Storage.Postgres.Changes;

/// <summary>
/// Tells the other processes on the database that this one committed a change (docs/decisions/0006), without
/// making any write wait for it. <see cref="EfFlagRepository"/> calls <see cref="Raise"/> after a write's
/// transaction has committed; a background loop sends <c>SELECT pg_notify('flagadmin_changes', '')</c> on a
/// connection of its own, one at a time. Signals raised while one is being sent collapse into a single next
/// one, so a burst of writes costs at most two notifications, and no write transaction ever takes the
/// notification queue's lock (which makes notifying commits go one at a time and defeats group commit).
/// </summary>
/// <remarks>
/// A notification only says "look": a process that stops between a commit and its notification loses nothing,
/// since the other processes' listeners read the audit log every <see cref="PostgresChangeListenerOptions.PollInterval"/>
/// anyway. A failed send is retried on a new connection after <see cref="PostgresChangeListenerOptions.ReconnectDelay"/>
/// (doubling up to <see cref="PostgresChangeListenerOptions.MaxReconnectDelay"/>) while signals stay owed.
/// </remarks>
public sealed partial class ChangeSignal : BackgroundService
{
    private const string ApplicationName = "FlagAdmin change signal";
    private const string NotifySql = $"SELECT pg_notify('{PostgresChangeListener.Channel}', '')";

    /// <summary>At most one signal owed: while it is, raising another one changes nothing.</summary>
    private readonly Channel<bool> _owed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly Func<CancellationToken, Task> _send;
    private readonly PostgresChangeListenerOptions _options;
    private readonly ILogger<ChangeSignal> _logger;
    private readonly TimeProvider _time;
    private readonly string _connectionString = "";
    private NpgsqlConnection? _connection;
    private long _sent;

    public ChangeSignal(string connectionString, PostgresChangeListenerOptions options, ILogger<ChangeSignal> logger, TimeProvider time)
        : this(options, logger, time, send: null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // One long-lived connection of its own, taken from no pool: a notification never waits for a pooled connection.
            Pooling = false,
            Multiplexing = false,
        };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = ApplicationName;
        }
        _connectionString = builder.ConnectionString;
    }

    /// <summary>For tests: <paramref name="send"/> stands for sending one notification.</summary>
    internal ChangeSignal(PostgresChangeListenerOptions options, ILogger<ChangeSignal> logger, TimeProvider time, Func<CancellationToken, Task>? send)
    {
        _options = options;
        _logger = logger;
        _time = time;
        _send = send ?? NotifyAsync;
    }

    /// <summary>How many notifications this process has sent.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>
    /// Says that a change committed: a notification starts after this call, unless the process stops first.
    /// Never blocks and never throws.
    /// </summary>
    public void Raise() => _owed.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = _options.ReconnectDelay;
        var failing = false;
        try
        {
            while (await _owed.Reader.WaitToReadAsync(stoppingToken))
            {
                // Taken before sending: a signal raised from here on owes the next notification.
                _owed.Reader.TryRead(out _);
                try
                {
                    await _send(stoppingToken);
                    Interlocked.Increment(ref _sent);
                    delay = _options.ReconnectDelay;
                    if (failing)
                    {
                        LogSendingAgain(_logger);
                        failing = false;
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    if (!failing)
                    {
                        LogSendFailed(_logger, e.GetBaseException().Message.Split('\n')[0].Trim());
                        failing = true;
                    }
                    await DropConnectionAsync();
                    // Still owed; the other processes' polls cover it meanwhile.
                    Raise();
                    await Task.Delay(delay, _time, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await DropConnectionAsync();
        }
    }

    private async Task NotifyAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            var connection = new NpgsqlConnection(_connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
            _connection = connection;
        }
        await using var command = new NpgsqlCommand(NotifySql, _connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell other processes about a change ({Reason}); they pick it up at their next poll, and telling them is retried.")]
    private static partial void LogSendFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telling other processes about changes works again.")]
    private static partial void LogSendingAgain(ILogger logger);
}
