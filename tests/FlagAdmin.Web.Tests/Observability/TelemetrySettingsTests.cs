using FlagAdmin.Web.Hosting;
using FlagAdmin.Web.Observability;
using FlagAdmin.Web.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace FlagAdmin.Web.Tests.Observability;

/// <summary>The OpenTelemetry settings: nothing exported by default, and every wrong value stops start-up with a sentence naming its key.</summary>
public sealed class TelemetrySettingsTests
{
    private static TelemetrySettings Read(params (string Key, string Value)[] values) =>
        TelemetrySettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build());

    private static string Problem(params (string Key, string Value)[] values) => Assert.Throws<StartupProblem>(() => Read(values)).Message;

    [Fact]
    public void Nothing_is_exported_by_default()
    {
        var settings = Read();

        Assert.False(settings.Otlp);
        Assert.False(settings.Prometheus);
        Assert.False(settings.Metrics);
    }

    [Fact]
    public void An_otlp_endpoint_turns_otlp_on_with_its_protocol()
    {
        var settings = Read(("OpenTelemetry:Otlp:Endpoint", "http://collector:4318"), ("OpenTelemetry:Otlp:Protocol", "http/protobuf"));

        Assert.True(settings.Otlp);
        Assert.True(settings.Metrics);
        Assert.Equal(new Uri("http://collector:4318"), settings.OtlpEndpoint);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, settings.OtlpProtocol);
    }

    [Fact]
    public void The_standard_environment_variable_turns_otlp_on_and_leaves_the_rest_to_the_exporter()
    {
        var settings = Read(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"));

        Assert.True(settings.OtlpFromEnvironment);
        Assert.Null(settings.OtlpEndpoint);
    }

    [Theory]
    [InlineData("OpenTelemetry:Otlp:Endpoint", "collector:4317", "OpenTelemetry:Otlp:Endpoint is 'collector:4317', but it must be an absolute http:// or https:// address")]
    [InlineData("OpenTelemetry:Otlp:Endpoint", "ftp://collector", "OpenTelemetry:Otlp:Endpoint is 'ftp://collector'")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not a uri", "OTEL_EXPORTER_OTLP_ENDPOINT is 'not a uri', but it must be an absolute http:// or https:// address")]
    [InlineData("OpenTelemetry:Otlp:Protocol", "udp", "OpenTelemetry:Otlp:Protocol is 'udp', but it must be 'grpc' or 'http/protobuf'.")]
    [InlineData("OpenTelemetry:Traces:SampleRatio", "1.5", "OpenTelemetry:Traces:SampleRatio is '1.5', but it must be a number from 0 to 1")]
    [InlineData("OpenTelemetry:Prometheus:Enabled", "yes", "OpenTelemetry:Prometheus:Enabled must be true or false, not 'yes'.")]
    [InlineData("OpenTelemetry:Prometheus:Path", "metrics", "OpenTelemetry:Prometheus:Path is 'metrics', but it must be a path starting with '/'")]
    public void A_wrong_value_names_its_key(string key, string value, string expected)
    {
        Assert.StartsWith(expected, Problem((key, value)));
    }

    [Fact]
    public void Prometheus_without_a_token_is_refused()
    {
        Assert.StartsWith("OpenTelemetry:Prometheus:Token is not set;", Problem(("OpenTelemetry:Prometheus:Enabled", "true")));
        Assert.StartsWith("OpenTelemetry:Prometheus:Token must be at least 16", Problem(("OpenTelemetry:Prometheus:Enabled", "true"), ("OpenTelemetry:Prometheus:Token", "short")));
    }

    [Fact]
    public async Task The_host_stops_with_one_sentence_when_prometheus_has_no_token()
    {
        var outcome = await HostProcess.RunAsync(new Dictionary<string, string> { ["OpenTelemetry__Prometheus__Enabled"] = "true" });

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("FlagAdmin cannot start: OpenTelemetry:Prometheus:Token is not set;", line);
        Assert.DoesNotContain("Exception", outcome.Output + outcome.Error);
    }
}
