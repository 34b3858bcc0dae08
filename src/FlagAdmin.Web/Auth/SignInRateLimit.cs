using System.Globalization;
using System.Threading.RateLimiting;
using FlagAdmin.Core.Observability;
using FlagAdmin.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;

namespace FlagAdmin.Web.Auth;

/// <summary>
/// Limits sign-in and first-admin setup posts per client address (a fixed window per minute), on top of the
/// per-account lockout: guessing across many accounts from one address hits this limit. Reading the pages is
/// not limited. <c>Auth:SignIn:PermitsPerMinute</c> (default 10) sets the allowance; beyond it the answer is
/// 429 with Retry-After in seconds. Pages opt in with <c>[EnableRateLimiting(SignInRateLimit.PolicyName)]</c>.
/// </summary>
public sealed class SignInRateLimit : IRateLimiterPolicy<string>
{
    public const string PolicyName = "sign-in";
    private readonly int _permitsPerMinute;

    public SignInRateLimit(IConfiguration configuration)
    {
        _permitsPerMinute = PermitsPerMinute(configuration);
    }

    /// <summary>The configured allowance; a value below 1 is a <see cref="StartupProblem"/> (checked at start-up by <c>SignInStartup</c>).</summary>
    public static int PermitsPerMinute(IConfiguration configuration)
    {
        var permits = configuration.GetValue("Auth:SignIn:PermitsPerMinute", 10);
        return permits >= 1 ? permits : throw new StartupProblem($"Auth:SignIn:PermitsPerMinute is {permits}, but it must be at least 1.");
    }

    // Partitions are cached by key, so reading and posting must never share one: a GET first would leave the
    // address's posts unlimited.
    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        !HttpMethods.IsPost(httpContext.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter("post " + httpContext.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = _permitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var response = context.HttpContext.Response;
        context.HttpContext.RequestServices.GetRequiredService<FlagAdminMetrics>().RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("limiter", PolicyName));
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    };
}
