using FlagAdmin.Core.Errors;
using FlagAdmin.Web.Auth;
using FlagAdmin.Web.Components;
using FlagAdmin.Web.Components.Shared;
using FlagAdmin.Web.Components.Pages.Flags;
using FlagAdmin.Web.Components.Pages.Transfer;
using FlagAdmin.Web.LiveUpdates;
using Microsoft.AspNetCore.Diagnostics;

namespace FlagAdmin.Web.Hosting;

/// <summary>
/// The admin web app: Razor components, interactive over a server circuit (static SSR for the pages that set or clear
/// the sign-in cookie and those marked <c>[ExcludeFromInteractiveRouting]</c>), static assets, sign-in and error pages.
/// </summary>
public static class WebAppComposition
{
    /// <summary>
    /// The static files next to the binary, whatever the working directory: a published app's wwwroot. Under
    /// <c>dotnet run</c> and the tests the folder does not exist and the static web assets manifest maps the files.
    /// </summary>
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    private const string DisableStaticAssetFallback = "DisableStaticAssetNotFoundRuntimeFallback";

    public static IServiceCollection AddFlagAdminWebApp(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Unpublished, MapStaticAssets also maps a catch-all for files added after the build, which answers 405 to any
        // non-GET request nothing else maps; every file is known at build time, so it behaves as published (404).
        configuration[DisableStaticAssetFallback] ??= "true";
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCircuitSettings(environment);
        services.AddFlagAdminUiKit();
        services.AddAntiforgery(options => options.Cookie.Name = "FlagAdmin.Antiforgery");
        services.AddFlagAdminAuth(configuration, environment);
        services.AddFlagAdminSignIn();
        services.AddLiveUpdates();
        return services;
    }

    /// <summary>
    /// The request pipeline, in order: error pages, routing (after the error pages, so a re-executed request finds its
    /// page; static files are endpoints that end the pipeline right after routing), rate limits, sign-in, antiforgery.
    /// </summary>
    public static WebApplication UseFlagAdminPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseHeadWithoutBody();
        // Pages answer errors with a page of their own; the JSON APIs keep their status codes and bodies.
        app.UseWhen(context => IsPageRequest(context.Request.Path), pages =>
        {
            pages.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true);
            pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = AnswerWithStatusAsync, AllowStatusCode404Response = true });
            if (HttpsOnly.IsRequired(app.Configuration, app.Environment))
            {
                pages.UseHttpsOnlyPages();
            }
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseAntiforgeryRefusal();
        return app;
    }

    public static WebApplication MapFlagAdminWebApp(this WebApplication app)
    {
        // Static files skip sign-in, rate limits and antiforgery: nothing about them depends on who asks.
        app.MapStaticAssets().ShortCircuit();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapSignOut();
        app.MapLiveUpdates();
        app.MapProjectExportDownload();
        return app;
    }

    private static readonly string[] NotPages = ["/api", "/ofrep", "/openapi", "/healthz", "/readyz", "/bench"];

    private static bool IsPageRequest(PathString path) => !NotPages.Any(prefix => path.StartsWithSegments(prefix));

    // An expected outcome that escaped a page (a flag deleted meanwhile, a role that may not, the database
    // down, a form that does not bind) becomes its status; the status code page then explains it. Anything else is a 500.
    private static Task AnswerWithStatusAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is StoreUnavailableException)
        {
            context.Response.Headers.RetryAfter = Api.Http.ApiProblems.RetryAfterSeconds;
        }
        context.Response.StatusCode = error switch
        {
            NotFoundException => StatusCodes.Status404NotFound,
            ForbiddenException => StatusCodes.Status403Forbidden,
            StoreException store => StoreErrorStatus.For(store),
            BadHttpRequestException badRequest => badRequest.StatusCode,
            _ => StatusCodes.Status500InternalServerError,
        };
        return Task.CompletedTask;
    }
}
