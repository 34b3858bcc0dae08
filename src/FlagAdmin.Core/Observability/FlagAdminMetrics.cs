using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FlagAdmin.Core.Observability;

/// <summary>
/// The "FlagAdmin" meter and its instruments, created once per host (a singleton made from the host's
/// <see cref="IMeterFactory"/>). Tags stay few and bounded: projects, environments, operations and reasons.
/// The only per-flag series, evaluations by flag, is kept by <c>EvaluationTelemetry</c> as an observable counter,
/// so the hot path never builds a tag list (docs/observability.md lists every instrument).
/// </summary>
public sealed class FlagAdminMetrics
{
    public const string MeterName = "FlagAdmin";

    /// <summary>Spans FlagAdmin starts itself (store calls); requests and SQL come from ASP.NET Core's and Npgsql's sources.</summary>
    public static readonly ActivitySource Activities = new(MeterName);

    public FlagAdminMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        EvaluationDuration = Meter.CreateHistogram<double>("flagadmin.evaluation.duration", "s",
            "Time an OFREP evaluation request spends in FlagAdmin's handler, from the SDK key check to the written answer; tag kind is single or bulk.");
        BulkSize = Meter.CreateHistogram<int>("flagadmin.evaluation.bulk.size", "{flag}",
            "Flags in each bulk evaluation answer.");
        StoreDuration = Meter.CreateHistogram<double>("flagadmin.store.operation.duration", "s",
            "Store calls by operation; outcome is ok or error, and error.type names the failure.");
        PropagationLag = Meter.CreateHistogram<double>("flagadmin.propagation.lag", "s",
            "Time from a change's audit entry being written to its snapshot being applied by the change feed (PostgreSQL; includes clock skew between hosts).");
        RateLimitRefusals = Meter.CreateCounter<long>("flagadmin.rate_limit.refusals", "{request}",
            "Requests answered 429; tag limiter is evaluation or sign-in.");
        OpenCircuits = Meter.CreateUpDownCounter<long>("flagadmin.circuits.open", "{circuit}",
            "Interactive admin app connections (Blazor circuits) open now.");
    }

    public Meter Meter { get; }

    public Histogram<double> EvaluationDuration { get; }

    public Histogram<int> BulkSize { get; }

    public Histogram<double> StoreDuration { get; }

    public Histogram<double> PropagationLag { get; }

    public Counter<long> RateLimitRefusals { get; }

    public UpDownCounter<long> OpenCircuits { get; }
}
