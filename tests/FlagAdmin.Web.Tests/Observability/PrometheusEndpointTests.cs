using System.Net;
using System.Net.Http.Headers;
using FlagAdmin.Web.Tests.Evaluation;

namespace FlagAdmin.Web.Tests.Observability;

/// <summary>The Prometheus scrape endpoint is off unless enabled, and then answers only to its bearer token.</summary>
public sealed class PrometheusEndpointTests
{
    private const string Token = "scrape-token-0123456789abcdef";

    private static FlagAdminFactory WithPrometheus() => new(new Dictionary<string, string?>
    {
        ["Store:Provider"] = "Memory",
        ["OpenTelemetry:Prometheus:Enabled"] = "true",
        ["OpenTelemetry:Prometheus:Token"] = Token,
    });

    private static Task<HttpResponseMessage> ScrapeAsync(OfrepHost host, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return host.Client.SendAsync(request);
    }

    [Fact]
    public async Task There_is_no_scrape_endpoint_by_default()
    {
        await using var host = await OfrepHost.StartAsync();

        var response = await ScrapeAsync(host, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("flagadmin_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_the_token_or_with_another_the_endpoint_refuses()
    {
        await using var host = await OfrepHost.StartAsync(WithPrometheus());

        var without = await ScrapeAsync(host, null);
        var wrong = await ScrapeAsync(host, Token + "x");
        var prefix = await ScrapeAsync(host, Token[..^1]);

        foreach (var refused in new[] { without, wrong, prefix })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.ToString());
            Assert.Empty(await refused.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task With_the_token_it_serves_flagadmins_metrics_in_the_prometheus_format()
    {
        await using var host = await OfrepHost.StartAsync(WithPrometheus());
        await host.PostAsync("/ofrep/v1/evaluate/flags/new-checkout", """{"context":{"targetingKey":"u1"}}""", host.Production.Secret);

        var response = await ScrapeAsync(host, Token);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("""(?m)^flagadmin_evaluations_total\{[^}]*flag="new-checkout"[^}]*reason="STATIC"[^}]*\} 1(\s|$)""", body);
        Assert.Contains("flagadmin_snapshot_version", body);
        Assert.Contains("http_server_request_duration_seconds", body);
    }
}
