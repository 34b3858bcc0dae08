using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace FlagAdmin.Web.Evaluation;

/// <summary>
/// Limits evaluation requests per SDK key (per client address when a request carries none) with a
/// token bucket. <c>Evaluation:RateLimit:PermitsPerSecond</c> (default 50,000) sets the sustained rate;
/// a burst of one second's worth is allowed. Rejected requests get 429 with Retry-After as a date-time,
/// as OFREP specifies.
/// </summary>
internal static class EvaluationRateLimit
{
    public const string PolicyName = "evaluation";

    public static IServiceCollection AddEvaluationRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perSecond = configuration.GetValue("Evaluation:RateLimit:PermitsPerSecond", 50_000);
        if (perSecond < 1)
        {
            throw new Hosting.StartupProblem($"Evaluation:RateLimit:PermitsPerSecond is {perSecond}, but it must be at least 1.");
        }
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(PolicyName, http => RateLimitPartition.GetTokenBucketLimiter(
                SdkKeyAuthentication.SecretOf(http.Request) ?? http.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var at = DateTimeOffset.UtcNow.Add(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }
}
