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
            .AddCheck<SnapshotReadinessCheck>("snapshots", tags: ["ready"])
            .AddCheck<StoreReachableCheck>("store", tags: ["ready"]);
        var permitsPerSecond = EvaluationRateLimit.PermitsPerSecond(configuration);
        services.AddSingleton(provider => new EvaluationRateLimit(permitsPerSecond, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<FlagAdminMetrics>()));
        services.AddSingleton<EvaluationAccess>();
        return services;
    }

    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: flags loaded; "Degraded" (still 200) while the store is down.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteReadinessAsync,
        });
        return app;
    }

    private static Task WriteReadinessAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
