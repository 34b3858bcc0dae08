using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Serving;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlagAdmin.Web.Serving;

/// <summary>Not ready until every environment is loaded; degraded (still serving from memory) while the store is unreachable.</summary>
internal sealed class SnapshotReadinessCheck(FlagSnapshotStore snapshots) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(snapshots.IsLoaded
            ? HealthCheckResult.Healthy("Flags are loaded.")
            : HealthCheckResult.Unhealthy("Flags are still loading."));
}

internal sealed class StoreReachableCheck(IFlagRepository repository) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await repository.GetProjectAsync("readiness-probe", cancellationToken);
            return HealthCheckResult.Healthy("The store is reachable.");
        }
        catch (StoreUnavailableException)
        {
            return HealthCheckResult.Degraded("The store is unreachable: flags are served from memory and changes cannot be saved.");
        }
    }
}
