using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Observability;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Stats;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Evaluation;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FlagAdmin.Web.Observability;

/// <summary>
/// Metrics, traces and logs (docs/observability.md). FlagAdmin's own instruments always exist; OpenTelemetry collects
/// and exports them, with ASP.NET Core's, HttpClient's, the runtime's and Npgsql's, only when an exporter is configured
/// (<see cref="TelemetrySettings"/>). Logs carry the current trace and span ids as a scope in every case.
/// </summary>
public static class ObservabilityComposition
{
    // Npgsql reports spans and metrics under its own name; the Npgsql.OpenTelemetry package only adds these two names.
    private const string NpgsqlSource = "Npgsql";

    private static readonly string[] Untraced = ["/healthz", "/readyz", "/_framework", "/_content", "/_blazor"];

    /// <summary>Call after the store is registered: its interfaces are wrapped to measure every call.</summary>
    public static WebApplicationBuilder AddFlagAdminObservability(this WebApplicationBuilder builder)
    {
        var settings = TelemetrySettings.Read(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton<FlagAdminMetrics>();
        services.AddSingleton<EvaluationTelemetry>();
        services.AddSingleton<SnapshotTelemetry>();
        services.AddHostedService(provider => provider.GetRequiredService<SnapshotTelemetry>());
        services.AddHostedService<StoreTelemetry>();
        services.AddSingleton<SignedInUsers>();
        services.AddScoped<CircuitHandler, CircuitTelemetry>();
        ObserveStore<IFlagRepository>(services);
        ObserveStore<IAuditLog>(services);
        ObserveStore<ISdkKeyRepository>(services);
        ObserveStore<IUserRepository>(services);
        ObserveStore<IStoreLifetime>(services);
        ObserveStore<IStoreStatistics>(services);

        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(
            settings.ServiceName,
            serviceVersion: typeof(ObservabilityComposition).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion));
        if (settings.Metrics)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(FlagAdminMetrics.MeterName, NpgsqlSource)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (settings.Otlp)
                {
                    metrics.AddOtlpExporter(otlp => Configure(otlp, settings, "metrics"));
                }
                if (settings.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        }
        if (settings.Otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.TraceSampleRatio)))
                .AddSource(FlagAdminMetrics.MeterName, NpgsqlSource)
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !Untraced.Any(p => http.Request.Path.StartsWithSegments(p)))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(otlp => Configure(otlp, settings, "traces")));
            telemetry.WithLogging(logging => logging.AddOtlpExporter(otlp => Configure(otlp, settings, "logs")));
        }
        return builder;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, when enabled: ahead of the rest of the pipeline (no pages, no sign-in), and only
    /// for a request with <c>Authorization: Bearer &lt;OpenTelemetry:Prometheus:Token&gt;</c>; others get 401.
    /// </summary>
    public static WebApplication UseFlagAdminTelemetry(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<TelemetrySettings>();
        if (!settings.Prometheus)
        {
            return app;
        }
        var expected = Encoding.UTF8.GetBytes("Bearer " + settings.PrometheusToken);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: http => http.Request.Path.Equals(settings.PrometheusPath, StringComparison.Ordinal),
            path: null,
            configureBranchedPipeline: scrape => scrape.Use((http, next) => HasToken(http, expected) ? next(http) : RefuseAsync(http)),
            optionsName: null);
        return app;
    }

    private static bool HasToken(HttpContext http, byte[] expected)
    {
        var given = Encoding.UTF8.GetBytes(http.Request.Headers.Authorization.ToString());
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static Task RefuseAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    /// <summary>
    /// <c>OpenTelemetry:Otlp:Endpoint</c> is the collector's base address, as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is; over
    /// http/protobuf each signal goes to its own path under it (<c>/v1/traces</c> …), which the exporter adds only
    /// to an address it read from the environment.
    /// </summary>
    private static void Configure(OtlpExporterOptions otlp, TelemetrySettings settings, string signal)
    {
        if (settings.OtlpEndpoint is { } endpoint)
        {
            otlp.Protocol = settings.OtlpProtocol;
            otlp.Endpoint = settings.OtlpProtocol == OtlpExportProtocol.HttpProtobuf
                ? new Uri($"{endpoint.AbsoluteUri.TrimEnd('/')}/v1/{signal}")
                : endpoint;
        }
    }

    private static void ObserveStore<T>(IServiceCollection services) where T : class
    {
        for (var i = 0; i < services.Count; i++)
        {
            var registered = services[i];
            if (registered.ServiceType == typeof(T) && !registered.IsKeyedService)
            {
                services[i] = ServiceDescriptor.Describe(typeof(T),
                    provider => ObservedStore.Wrap((T)Create(provider, registered), provider.GetRequiredService<FlagAdminMetrics>()),
                    registered.Lifetime);
            }
        }
    }

    private static object Create(IServiceProvider provider, ServiceDescriptor registered) =>
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!);
}
