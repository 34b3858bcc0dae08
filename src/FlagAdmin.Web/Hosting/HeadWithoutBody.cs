namespace FlagAdmin.Web.Hosting;

/// <summary>
/// An answer to HEAD has the status and headers a GET would have and no body (RFC 9110 §9.3.2), whoever writes one: a
/// problem from an authentication challenge, the rate limiter or the API's errors is told by its status alone.
/// </summary>
public static class HeadWithoutBody
{
    public static IApplicationBuilder UseHeadWithoutBody(this IApplicationBuilder app) =>
        app.UseWhen(http => HttpMethods.IsHead(http.Request.Method), head => head.Use((http, next) =>
        {
            http.Response.Body = Stream.Null;
            return next(http);
        }));
}
