using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Serving;
using FlagAdmin.Web.Auth;
using FlagAdmin.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>
/// The htmx fragments of the flag detail page: each post runs the same editor as the page's own form and answers
/// with the re-rendered part. A post without HX-Request (no JavaScript reaches these, but a hand-made one might)
/// is sent back to the page.
/// </summary>
public static class FlagDetailEndpoints
{
    /// <summary>Responses carrying this header are swapped by htmx even with an error status (see wwwroot/flags.js).</summary>
    public const string SwapAlwaysHeader = "FlagAdmin-Swap";

    public static IEndpointRouteBuilder MapFlagDetailFragments(this IEndpointRouteBuilder app)
    {
        var flag = app.MapGroup("/projects/{project}/flags/{flag}").RequireAuthorization(Policies.Viewer);
        flag.MapPost("/panels/{environment}", PanelAsync);
        flag.MapPost("/metadata", MetadataAsync);
        flag.MapPost("/try", TryItAsync);
        flag.MapGet("/panels/{environment}/freshness", PanelFreshnessAsync);
        flag.MapGet("/metadata/freshness", MetadataFreshnessAsync);
        return app;
    }

    private static async Task<IResult> PanelAsync(string project, string flag, string environment, [FromForm] IFormCollection form, HttpContext http, FlagService flags)
    {
        if (!http.Request.IsHtmx())
        {
            return BackToPage(project, flag);
        }
        var view = await new PanelEditor(flags).HandleAsync(http.User, project, flag, environment, form, http.RequestAborted);
        return new RazorComponentResult<EnvironmentPanel>(new { View = view }) { StatusCode = Status(http, view.Refused) };
    }

    private static async Task<IResult> MetadataAsync(string project, string flag, [FromForm] IFormCollection form, HttpContext http, FlagService flags)
    {
        if (!http.Request.IsHtmx())
        {
            return BackToPage(project, flag);
        }
        var view = await new MetadataEditor(flags).HandleAsync(http.User, project, flag, form, http.RequestAborted);
        return new RazorComponentResult<MetadataForm>(new { View = view }) { StatusCode = Status(http, view.Refused) };
    }

    private static async Task<IResult> TryItAsync(string project, string flag, [FromForm] IFormCollection form, HttpContext http, FlagService flags, FlagSnapshotStore snapshots)
    {
        if (!http.Request.IsHtmx())
        {
            return BackToPage(project, flag);
        }
        var view = await new TryItEvaluator(flags, snapshots).HandleAsync(project, flag, form, http.RequestAborted);
        return new RazorComponentResult<TryItBox>(new { View = view });
    }

    // Asked by an open page when the flag changed (SSE): a note when the version it shows is no longer the stored one, else nothing.
    private static async Task<IResult> PanelFreshnessAsync(string project, string flag, string environment, uint version, FlagService flags, CancellationToken cancellationToken)
    {
        var state = (await flags.GetFlagAsync(project, flag, cancellationToken)).StateIn(environment);
        return state is null || state.Version == version
            ? Results.Content("", "text/html")
            : new RazorComponentResult<StaleNote>(new { ChangedBy = state.UpdatedBy, ChangedAt = state.UpdatedAt });
    }

    private static async Task<IResult> MetadataFreshnessAsync(string project, string flag, uint version, FlagService flags, CancellationToken cancellationToken)
    {
        var current = (await flags.GetFlagAsync(project, flag, cancellationToken)).Flag;
        return current.Version == version
            ? Results.Content("", "text/html")
            : new RazorComponentResult<StaleNote>(new { ChangedBy = current.UpdatedBy, ChangedAt = current.UpdatedAt, ReloadHref = FlagDetailUrls.Page(current) });
    }

    // A refusal is a 403 whose fragment htmx still swaps in (flags.js), so the user reads why.
    private static int Status(HttpContext http, bool refused)
    {
        if (!refused)
        {
            return StatusCodes.Status200OK;
        }
        http.Response.Headers[SwapAlwaysHeader] = "true";
        return StatusCodes.Status403Forbidden;
    }

    private static IResult BackToPage(string project, string flag) =>
        new RedirectSeeOther(FlagDetailUrls.Page(project, flag));

    private sealed class RedirectSeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
