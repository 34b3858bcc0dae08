using System.Globalization;
using FlagAdmin.Web.Hosting;
using OpenTelemetry.Exporter;

namespace FlagAdmin.Web.Observability;

/// <summary>
/// The <c>OpenTelemetry</c> section, read and checked once at start-up: a wrong value is a <see cref="StartupProblem"/>
/// naming its key. Nothing is exported unless asked for: OTLP once <c>OpenTelemetry:Otlp:Endpoint</c> (or the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) is set, the Prometheus scrape endpoint once
/// <c>OpenTelemetry:Prometheus:Enabled</c> is true, and then only to requests carrying its bearer token.
/// </summary>
internal sealed record TelemetrySettings
{
    public const string Section = "OpenTelemetry";
    public const string StandardOtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const int MinimumTokenLength = 16;

    public string ServiceName { get; init; } = "flagadmin";

    /// <summary>Where OTLP goes (traces, metrics, logs); null with <see cref="OtlpFromEnvironment"/> when the exporter reads the OTEL_* variables itself.</summary>
    public Uri? OtlpEndpoint { get; init; }

    public OtlpExportProtocol OtlpProtocol { get; init; } = OtlpExportProtocol.Grpc;

    public bool OtlpFromEnvironment { get; init; }

    public bool Otlp => OtlpEndpoint is not null || OtlpFromEnvironment;

    /// <summary>The share of new traces kept (0–1); a request that arrives with a sampled parent is always kept.</summary>
    public double TraceSampleRatio { get; init; } = 1.0;

    public bool Prometheus { get; init; }

    public string PrometheusPath { get; init; } = "/metrics";

    public string PrometheusToken { get; init; } = "";

    /// <summary>Metrics are collected only for an exporter; without one the instruments stay disabled and cost nothing.</summary>
    public bool Metrics => Otlp || Prometheus;

    public static TelemetrySettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var otlpEndpoint = Endpoint(section, "Otlp:Endpoint");
        var standardEndpoint = configuration[StandardOtlpEndpoint];
        if (otlpEndpoint is null && !string.IsNullOrWhiteSpace(standardEndpoint) && !IsHttpUri(standardEndpoint, out _))
        {
            throw new StartupProblem($"{StandardOtlpEndpoint} is '{standardEndpoint}', but it must be an absolute http:// or https:// address such as http://collector:4317.");
        }
        var prometheus = Boolean(section, "Prometheus:Enabled");
        var settings = new TelemetrySettings
        {
            ServiceName = Text(section, "ServiceName") ?? "flagadmin",
            OtlpEndpoint = otlpEndpoint,
            OtlpFromEnvironment = otlpEndpoint is null && !string.IsNullOrWhiteSpace(standardEndpoint),
            OtlpProtocol = Protocol(section),
            TraceSampleRatio = Ratio(section, "Traces:SampleRatio"),
            Prometheus = prometheus,
            PrometheusPath = Path(section),
            PrometheusToken = prometheus ? Token(section) : "",
        };
        return settings;
    }

    private static string Key(string name) => $"{Section}:{name}";

    private static string? Text(IConfigurationSection section, string name) =>
        string.IsNullOrWhiteSpace(section[name]) ? null : section[name]!.Trim();

    private static Uri? Endpoint(IConfigurationSection section, string name)
    {
        var value = Text(section, name);
        if (value is null)
        {
            return null;
        }
        return IsHttpUri(value, out var uri)
            ? uri
            : throw new StartupProblem($"{Key(name)} is '{value}', but it must be an absolute http:// or https:// address such as http://collector:4317.");
    }

    private static bool IsHttpUri(string value, out Uri uri) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static OtlpExportProtocol Protocol(IConfigurationSection section) => Text(section, "Otlp:Protocol")?.ToLowerInvariant() switch
    {
        null or "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new StartupProblem($"{Key("Otlp:Protocol")} is '{section["Otlp:Protocol"]}', but it must be 'grpc' or 'http/protobuf'."),
    };

    private static bool Boolean(IConfigurationSection section, string name)
    {
        var value = Text(section, name);
        return value is null
            ? false
            : bool.TryParse(value, out var parsed) ? parsed : throw new StartupProblem($"{Key(name)} must be true or false, not '{value}'.");
    }

    private static double Ratio(IConfigurationSection section, string name)
    {
        var value = Text(section, name);
        if (value is null)
        {
            return 1.0;
        }
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0 and <= 1
            ? ratio
            : throw new StartupProblem($"{Key(name)} is '{value}', but it must be a number from 0 to 1 (the share of traces kept, e.g. 0.1).");
    }

    private static string Path(IConfigurationSection section)
    {
        var value = Text(section, "Prometheus:Path") ?? "/metrics";
        return value.StartsWith('/') && value.Length > 1 && !value.Contains('?')
            ? value
            : throw new StartupProblem($"{Key("Prometheus:Path")} is '{value}', but it must be a path starting with '/', such as /metrics.");
    }

    private static string Token(IConfigurationSection section)
    {
        var value = section["Prometheus:Token"] ?? "";
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new StartupProblem($"{Key("Prometheus:Token")} is not set; the scrape endpoint needs a bearer token of at least {MinimumTokenLength} characters (Prometheus sends it with 'authorization: credentials').");
        }
        return value.Length >= MinimumTokenLength && value.All(c => c > ' ' && c < 127)
            ? value
            : throw new StartupProblem($"{Key("Prometheus:Token")} must be at least {MinimumTokenLength} printable ASCII characters without spaces.");
    }
}
