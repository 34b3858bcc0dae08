using System.Collections.Concurrent;

namespace FlagAdmin.Web.Evaluation;

/// <summary>
/// For load tests only, and only when <c>Benchmark:CeilingBytes</c> is set: <c>POST /bench/ceiling</c> answers a
/// fixed JSON body of that size, and <c>POST /bench/ceiling/{bytes}</c> one of any size up to 1 MB (made on first
/// use, then kept), with no work behind them, so a load script can measure what this machine's HTTP stack serves
/// at best next to the real evaluation endpoints of the same process, with a body of the same size.
/// </summary>
internal static class CeilingEndpoint
{
    private const int MaxBytes = 1 << 20;

    public static IEndpointRouteBuilder MapBenchmarkCeiling(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        var bytes = configuration.GetValue("Benchmark:CeilingBytes", 0);
        if (bytes <= 0)
        {
            return app;
        }
        var bodies = new ConcurrentDictionary<int, byte[]>();
        var fixedBody = Body(bytes);
        app.MapPost("/bench/ceiling", (HttpContext http) => WriteAsync(http, fixedBody)).ExcludeFromDescription();
        app.MapPost("/bench/ceiling/{size:int}", (HttpContext http, int size) =>
        {
            if (size is <= 0 or > MaxBytes)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Task.CompletedTask;
            }
            return WriteAsync(http, bodies.GetOrAdd(size, Body));
        }).ExcludeFromDescription();
        return app;
    }

    private static Task WriteAsync(HttpContext http, byte[] body)
    {
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body).AsTask();
    }

    // {"padding":"xxx…"} of exactly `size` bytes (at least the 14 of the frame).
    private static byte[] Body(int size) =>
        System.Text.Encoding.UTF8.GetBytes("{\"padding\":\"" + new string('x', Math.Max(0, size - 14)) + "\"}");
}
