using System.Net;
using FlagAdmin.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlagAdmin.Web.Tests.Observability;

/// <summary>Logs written while a request runs carry its trace id (and span id) as a scope, whatever the exporter.</summary>
public sealed class TraceLogTests
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";

    [Fact]
    public async Task A_log_written_during_a_request_carries_the_requests_trace_id()
    {
        var logs = new CapturedLogs();
        await using var host = await ApiHost.StartAsync(new FlagAdminFactory(
            new Dictionary<string, string?> { ["Store:Provider"] = "Memory" },
            services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                services.Configure<LoggerFilterOptions>(options => options.Rules.Add(new LoggerFilterRule(typeof(CapturedLogs).FullName, null, LogLevel.Information, null)));
            }));
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projects");
        request.Headers.Add(TestSignIn.Header, "admin@example.com|Admin");
        request.Headers.Add("traceparent", $"00-{TraceId}-b7ad6b7169203331-01");

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var traced = logs.Records.Where(r => Equals(r.Scope.GetValueOrDefault("TraceId")?.ToString(), TraceId)).ToList();
        Assert.Contains(traced, r => r.Message.Contains("/api/v1/projects"));
        Assert.All(traced, r => Assert.Matches("^[0-9a-f]{16}$", r.Scope["SpanId"]!.ToString()));
        Assert.DoesNotContain(logs.Records, r => r.Message.Contains("/api/v1/projects") && r.Scope.GetValueOrDefault("TraceId") is null);
    }
}
