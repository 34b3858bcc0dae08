using FlagAdmin.Core.Errors;
using FlagAdmin.Web.Auth;
using FlagAdmin.Web.Components;
using FlagAdmin.Web.Components.Pages.Flags;
using FlagAdmin.Web.Components.Pages.Flags.Detail;
using FlagAdmin.Web.Components.Pages.Transfer;
using FlagAdmin.Web.LiveUpdates;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.FileProviders;

namespace FlagAdmin.Web.Hosting;

/// <summary>The admin web app: Razor components rendered on the server, static assets, sign-in and error pages.</summary>
public static class WebAppComposition
{
    /// <summary>Where the build copies the top-level wwwroot (see FlagAdmin.Web.csproj).</summary>
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static IServiceCollection AddFlagAdminWebApp(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(options => options.Cookie.Name = "FlagAdmin.Antiforgery");
        services.AddFlagAdminAuth(configuration, environment);
        services.AddFlagAdminSignIn();
        services.AddLiveUpdates();
        return services;
    }

    /// <summary>
    /// The request pipeline, in order: error pages, static files, routing (after the error pages, so a
    /// re-executed request finds its page), rate limits, sign-in, antiforgery.
    /// </summary>
    public static WebApplication UseFlagAdminPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders();
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
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(WebRoot) });
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
        app.MapRazorComponents<App>();
        app.MapSignOut();
        app.MapFlagDetailFragments();
        app.MapFlagListEndpoints();
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
        context.Response.StatusCode = context.Features.Get<IExceptionHandlerFeature>()?.Error switch
        {
            NotFoundException => StatusCodes.Status404NotFound,
            ForbiddenException => StatusCodes.Status403Forbidden,
            StoreUnavailableException => StatusCodes.Status503ServiceUnavailable,
            BadHttpRequestException badRequest => badRequest.StatusCode,
            _ => StatusCodes.Status500InternalServerError,
        };
        return Task.CompletedTask;
    }
}
