using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Serving;
using FlagAdmin.Testing.Postgres;
using FlagAdmin.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace FlagAdmin.Web.Tests.Observability;

/// <summary>On PostgreSQL: a request's trace holds its store call and the SQL under it; changes made by another host are timed from commit to snapshot.</summary>
public sealed class TelemetryOnPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task An_admin_api_request_traces_its_store_call_and_the_database_statements_under_it()
    {
        var spans = new ActivityLog();
        var settings = FlagAdminFactory.PostgresSettings(await postgres.CreateDatabaseAsync());
        // Tracing is on once OTLP is configured; nothing listens there, the spans are read from memory.
        settings["OpenTelemetry:Otlp:Endpoint"] = "http://127.0.0.1:9";
        settings["OpenTelemetry:Otlp:Protocol"] = "http/protobuf";
        await using var host = await ApiHost.StartAsync(new FlagAdminFactory(settings, services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));

        // Activity listeners are process-wide: another test's host with tracing on may serve the same path at the same
        // time, so this request brings its own trace id and only that trace is read.
        var traceId = ActivityTraceId.CreateRandom();
        var call = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projects/shop/flags");
        call.Headers.Add(TestSignIn.Header, "admin@example.com|Admin");
        call.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var response = await host.Client.SendAsync(call);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = await EventuallyAsync(() => spans.Snapshot().SingleOrDefault(s =>
            s.Kind == ActivityKind.Server && s.TraceId == traceId && Equals(s.GetTagItem("url.path"), "/api/v1/projects/shop/flags")));
        var trace = spans.Snapshot().Where(s => s.TraceId == request.TraceId).ToList();
        var store = Assert.Single(trace, s => s.Source.Name == "FlagAdmin" && s.DisplayName == "store " + nameof(IFlagRepository.QueryFlagsAsync));
        Assert.Equal(ActivityStatusCode.Unset, store.Status);
        var statements = trace.Where(s => s.Source.Name == "Npgsql").ToList();
        Assert.NotEmpty(statements);
        Assert.Contains(statements, s => s.ParentSpanId == store.SpanId);
        Assert.All(statements, s => Assert.Equal("postgresql", s.GetTagItem("db.system")?.ToString() ?? s.GetTagItem("db.system.name")?.ToString()));
    }

    [Fact]
    public async Task A_change_made_on_another_host_is_timed_until_this_hosts_snapshot_has_it()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var writer = await ApiHost.StartAsync(FlagAdminFactory.Postgres(database));
        await using var reader = await ApiHost.StartAsync(FlagAdminFactory.Postgres(database), seed: false);
        var snapshots = reader.Factory.Services.GetRequiredService<FlagSnapshotStore>();
        await EventuallyAsync(() => snapshots.Find("shop", "production")?.Find("new-checkout"));
        using var probe = new MetricsProbe(reader.Factory.Services.GetRequiredService<IMeterFactory>());
        var before = probe.Latest("flagadmin.snapshot.version", ("project", "shop"), ("environment", "staging"));

        await writer.Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "dark-mode", Name = "Dark mode" }, ApiHost.Seed);
        await EventuallyAsync(() => snapshots.Find("shop", "staging")?.Find("dark-mode"));

        var lags = await EventuallyAsync(() => probe.Read("flagadmin.propagation.lag") is { Count: > 0 } read ? read : null);
        Assert.All(lags, lag => Assert.True(lag.Value >= 0));
        Assert.True(probe.Latest("flagadmin.snapshot.version", ("project", "shop"), ("environment", "staging")) > before);
        Assert.Equal(2, probe.Latest("flagadmin.snapshot.flags", ("project", "shop"), ("environment", "staging")));
    }

    [Fact]
    public async Task The_store_gauges_report_what_the_database_holds_and_count_again_only_after_30_seconds()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var host = await ApiHost.StartAsync(FlagAdminFactory.Postgres(database));
        using var probe = new MetricsProbe(host.Factory.Services.GetRequiredService<IMeterFactory>());

        var flags = await EventuallyAsync(() => probe.Latest("flagadmin.store.rows", ("kind", "flags")) is { } value ? (object)value : null);
        await host.Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "counted-later", Name = "Counted later" }, ApiHost.Seed);

        Assert.Equal((long)(await PostgresFixture.ScalarAsync(database, "SELECT count(*) - 1 FROM flags"))!, (double)flags);
        Assert.Equal((double)flags, probe.Latest("flagadmin.store.rows", ("kind", "flags")));
        Assert.Equal(1, probe.Latest("flagadmin.store.rows", ("kind", "projects")));
        Assert.True(probe.Latest("flagadmin.store.size", ("part", "audit_entries")) > 0);
        Assert.True(probe.Latest("flagadmin.store.size", ("part", "flags")) > 0);
    }

    /// <summary>Waits (up to a minute on a loaded machine) for something that happens on another thread.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<T?> probe) where T : class
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (probe() is { } found)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("It never happened.");
    }
}
