using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Serving;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlagAdmin.Web.Serving;

/// <summary>Not ready to serve evaluations until every environment is loaded.</summary>
internal sealed class SnapshotReadinessCheck(FlagSnapshotStore snapshots) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(snapshots.IsLoaded
            ? HealthCheckResult.Healthy("Flags are loaded.")
            : HealthCheckResult.Unhealthy("Flags are still loading."));
}

/// <summary>
/// The store's ping (on PostgreSQL a real round trip). When it fails in any way (unreachable, or a database that refuses)
/// or takes longer than <see cref="Timeout"/> (a database that does not answer at all), the check reports its
/// registration's failure status.
/// </summary>
internal sealed class StoreReachableCheck(IStoreLifetime store) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy("The store is reachable.");
        }
        catch (StoreUnavailableException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                "The store is unreachable: flags are served from memory and changes cannot be saved.");
        }
        catch (StoreException e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"The store answered with an error: flags are served from memory and changes may fail. {e.Message}");
        }
    }
}
