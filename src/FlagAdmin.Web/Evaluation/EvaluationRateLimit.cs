using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using FlagAdmin.Core.Observability;
using FlagAdmin.Core.SdkKeys;

namespace FlagAdmin.Web.Evaluation;

/// <summary>
/// Limits evaluation requests per SDK key with a token bucket. <c>Evaluation:RateLimit:PermitsPerSecond</c>
/// (default 50,000) sets the sustained rate; a burst of one second's worth is allowed. Checked once the key is
/// known (requests without a valid key are answered 401 and cost no bucket), keyed by the key's id, so no
/// secret is kept as a bucket's name. Rejected requests get 429 with Retry-After as a date-time, as OFREP specifies.
/// </summary>
internal sealed class EvaluationRateLimit(int permitsPerSecond, TimeProvider time, FlagAdminMetrics metrics)
{
    private static readonly KeyValuePair<string, object?> Limiter = new("limiter", "evaluation");

    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);

    /// <summary>The configured permits per second; a start-up problem when below 1.</summary>
    public static int PermitsPerSecond(IConfiguration configuration)
    {
        var perSecond = configuration.GetValue("Evaluation:RateLimit:PermitsPerSecond", 50_000);
        return perSecond >= 1
            ? perSecond
            : throw new Hosting.StartupProblem($"Evaluation:RateLimit:PermitsPerSecond is {perSecond}, but it must be at least 1.");
    }

    /// <summary>Takes one permit of <paramref name="key"/>'s bucket; when there is none, answers 429 with Retry-After and returns false.</summary>
    public bool TryAcquire(SdkKey key, HttpResponse response)
    {
        using var lease = _buckets.GetOrAdd(key.Id, _ => NewBucket()).AttemptAcquire();
        if (lease.IsAcquired)
        {
            return true;
        }
        metrics.RateLimitRefusals.Add(1, Limiter);
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var at = time.GetUtcNow().Add(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return false;
    }

    private TokenBucketRateLimiter NewBucket() => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = permitsPerSecond,
        TokensPerPeriod = permitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });
}
