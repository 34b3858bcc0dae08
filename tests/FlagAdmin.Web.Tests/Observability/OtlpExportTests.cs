using System.Collections.Concurrent;
using System.Net;
using FlagAdmin.Web.Tests.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FlagAdmin.Web.Tests.Observability;

/// <summary>OTLP is off until configured; configured, traces and metrics reach a collector at the signals' own paths.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Without_an_endpoint_nothing_is_collected_for_export()
    {
        await using var host = await ApiHost.StartAsync(seed: false);

        Assert.Null(host.Factory.Services.GetService<TracerProvider>());
        Assert.Null(host.Factory.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_an_endpoint_traces_and_metrics_reach_the_collector_over_http_protobuf()
    {
        await using var collector = await Collector.StartAsync();
        await using var host = await ApiHost.StartAsync(new FlagAdminFactory(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Memory",
            ["OpenTelemetry:Otlp:Endpoint"] = collector.Address,
            ["OpenTelemetry:Otlp:Protocol"] = "http/protobuf",
        }));

        var response = await host.GetAsync("/api/v1/projects");
        Assert.True(host.Factory.Services.GetRequiredService<TracerProvider>().ForceFlush());
        Assert.True(host.Factory.Services.GetRequiredService<MeterProvider>().ForceFlush());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(collector.Received, r => r.Path == "/v1/traces" && r.ContentType == "application/x-protobuf" && r.Length > 0);
        Assert.Contains(collector.Received, r => r.Path == "/v1/metrics" && r.ContentType == "application/x-protobuf" && r.Length > 0);
    }

    /// <summary>A stand-in OTLP/HTTP collector on loopback that answers 200 and remembers what was posted where.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string? ContentType, long Length)> _received = new();

        private Collector(WebApplication app) => _app = app;

        public IReadOnlyList<(string Path, string? ContentType, long Length)> Received => [.. _received];

        public string Address => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new Collector(app);
            app.Run(async http =>
            {
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body);
                collector._received.Enqueue((http.Request.Path.Value!, http.Request.ContentType, body.Length));
                http.Response.StatusCode = StatusCodes.Status200OK;
            });
            await app.StartAsync();
            return collector;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
