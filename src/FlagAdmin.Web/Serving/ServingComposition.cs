using System.Text.Json;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Observability;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Serving;
using FlagAdmin.Web.Evaluation;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlagAdmin.Web.Serving;

public static class ServingComposition
{
    /// <summary>Live snapshots (told about every change FlagService makes), SDK keys, the loader, readiness, the evaluation rate limit and access.</summary>
    public static IServiceCollection AddFlagServing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<FlagSnapshotStore>();
        services.AddSingleton<IFlagChangeNotifier>(provider => provider.GetRequiredService<FlagSnapshotStore>());
        services.AddSingleton<SdkKeyCache>();
        services.AddSingleton<SdkKeyService>();
        services.AddHostedService<SnapshotLoader>();
        services.AddHealthChecks()
            .AddCheck<SnapshotReadinessCheck>("snapshots", tags: [ServingReadiness])
            .AddCheck<StoreReachableCheck>("store", HealthStatus.Degraded, [ServingReadiness, AdminReadiness], StoreReachableCheck.Timeout);
        var permitsPerSecond = EvaluationRateLimit.PermitsPerSecond(configuration);
        services.AddSingleton(provider => new EvaluationRateLimit(permitsPerSecond, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<FlagAdminMetrics>()));
        services.AddSingleton<EvaluationAccess>();
        return services;
    }

    private const string ServingReadiness = "ready";
    private const string AdminReadiness = "ready-admin";

    /// <summary>
    /// <c>/healthz</c>: the process answers. <c>/readyz</c>: ready to serve evaluations, i.e. flags are loaded; while
    /// the store is down it stays 200 with status "Degraded", because evaluations are answered from memory and every
    /// instance shares the database (taking them all out of rotation would stop evaluations too). <c>/readyz/admin</c>:
    /// ready for the admin app and API, i.e. the store answers; 503 "Unhealthy" while it does not
    /// (decision 0019).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ServingReadiness),
            ResponseWriter = WriteReadinessAsync,
        });
        app.MapHealthChecks("/readyz/admin", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(AdminReadiness),
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = WriteAdminReadinessAsync,
        });
        return app;
    }

    private static Task WriteReadinessAsync(HttpContext http, HealthReport report) => WriteAsync(http, report, status => status);

    // The store check reports Degraded when it fails (what /readyz shows); for the admin side that is not ready.
    private static Task WriteAdminReadinessAsync(HttpContext http, HealthReport report) =>
        WriteAsync(http, report, status => status == HealthStatus.Degraded ? HealthStatus.Unhealthy : status);

    private static Task WriteAsync(HttpContext http, HealthReport report, Func<HealthStatus, HealthStatus> shown)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = shown(report.Status).ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = shown(e.Value.Status).ToString(), description = e.Value.Description }),
        }));
    }
}
