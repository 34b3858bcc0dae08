using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using FlagAdmin.Web.Api.Http;
using FlagAdmin.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;

namespace FlagAdmin.Web.Api.Access;

/// <summary>
/// Limits admin API requests per credential (the Authorization header; the client address without one) with a
/// token bucket of <c>Api:RateLimit:PermitsPerMinute</c> (default 600), refilled every minute.
/// Refused requests get 429, <c>Retry-After</c> in seconds and problem details.
/// </summary>
public sealed class ApiRateLimit(int permitsPerMinute) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "admin-api";

    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Api:RateLimit:PermitsPerMinute", 600);
        if (perMinute < 1)
        {
            throw new StartupProblem($"Api:RateLimit:PermitsPerMinute is {perMinute}, but it must be at least 1.");
        }
        services.AddRateLimiter(options => options.AddPolicy(PolicyName, new ApiRateLimit(perMinute)));
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => static async (context, _) =>
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "Too many requests.",
            $"This token has used its share of requests; try again in {seconds} s.").ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext http) =>
        RateLimitPartition.GetTokenBucketLimiter(PartitionKey(http), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = permitsPerMinute,
            TokensPerPeriod = permitsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    // A hash, so the limiter never holds secrets in memory longer than the request does.
    private static string PartitionKey(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        return authorization.Length > 0
            ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)))
            : "ip:" + http.Connection.RemoteIpAddress;
    }
}
