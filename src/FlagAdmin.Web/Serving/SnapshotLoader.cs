using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Serving;

namespace FlagAdmin.Web.Serving;

/// <summary>
/// Loads every environment into memory once at start-up, retrying while the store fails (unreachable, or refusing for
/// a reason of its own, which the log names); readiness waits for it.
/// </summary>
internal sealed partial class SnapshotLoader(FlagSnapshotStore snapshots, ILogger<SnapshotLoader> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await snapshots.LoadAllAsync(stoppingToken);
                LogLoaded(logger);
                return;
            }
            catch (StoreException e)
            {
                LogRetrying(logger, RetryDelay.TotalSeconds, e.InnerException?.Message ?? e.Message);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Flags loaded into memory; evaluation is ready.")]
    private static partial void LogLoaded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot load flags yet, retrying in {Seconds} s: {Reason}")]
    private static partial void LogRetrying(ILogger logger, double seconds, string reason);
}
