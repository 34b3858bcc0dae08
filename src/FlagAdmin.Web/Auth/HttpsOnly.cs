using FlagAdmin.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlagAdmin.Web.Auth;

/// <summary>
/// The sign-in and antiforgery cookies travel over https only, except in Development or where
/// <c>Auth:RequireHttps</c> is false (a trusted network without TLS). A page asked for over plain http then gets
/// a sentence saying how to reach FlagAdmin, instead of failing when the page sets its antiforgery cookie.
/// Behind a proxy that ends TLS, <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> lets the request count as https.
/// </summary>
public static class HttpsOnly
{
    public const string Setting = "Auth:RequireHttps";

    public const string PlainHttpRefusal =
        "FlagAdmin signs people in over https only. Open this address with https:// (behind a proxy that ends TLS, " +
        "start FlagAdmin with ASPNETCORE_FORWARDEDHEADERS_ENABLED=true), or set Auth:RequireHttps=false on a trusted network.";

    /// <summary>Reads <see cref="Setting"/>; true outside Development unless set otherwise.</summary>
    public static bool IsRequired(IConfiguration configuration, IHostEnvironment environment)
    {
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return !environment.IsDevelopment();
        }
        return bool.TryParse(value, out var required)
            ? required
            : throw new StartupProblem($"{Setting} must be true or false, not '{value}'.");
    }

    public static CookieSecurePolicy CookiePolicy(bool required) =>
        required ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>Refuses plain-http requests with 400 and <see cref="PlainHttpRefusal"/>; meant for the pages' branch only.</summary>
    public static IApplicationBuilder UseHttpsOnlyPages(this IApplicationBuilder pages) =>
        pages.Use(async (context, next) =>
        {
            if (context.Request.IsHttps)
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(PlainHttpRefusal);
        });
}
