namespace FlagAdmin.Web.Evaluation;

/// <summary>
/// For load tests only, and only when <c>Benchmark:CeilingBytes</c> is set: <c>POST /bench/ceiling</c>
/// answers a fixed JSON body of that size with no work behind it, so a load script can measure what this
/// machine's HTTP stack serves at best next to the real evaluation endpoints of the same process.
/// </summary>
internal static class CeilingEndpoint
{
    public static IEndpointRouteBuilder MapBenchmarkCeiling(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        var bytes = configuration.GetValue("Benchmark:CeilingBytes", 0);
        if (bytes <= 0)
        {
            return app;
        }
        var body = System.Text.Encoding.UTF8.GetBytes("{\"padding\":\"" + new string('x', Math.Max(0, bytes - 14)) + "\"}");
        app.MapPost("/bench/ceiling", (HttpContext http) =>
        {
            http.Response.ContentType = "application/json";
            return http.Response.Body.WriteAsync(body).AsTask();
        }).ExcludeFromDescription();
        return app;
    }
}
