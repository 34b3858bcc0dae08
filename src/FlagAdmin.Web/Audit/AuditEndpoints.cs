using FlagAdmin.Core.Flags;
using FlagAdmin.Web.Auth;
using FlagAdmin.Web.Components.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlagAdmin.Web.Audit;

/// <summary>The audit trail's htmx fragment and its exports; the page itself is Components/Pages/Audit/AuditTrail.razor.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditTrail(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/projects/{project}/audit").RequireAuthorization(Policies.Viewer).ExcludeFromDescription();
        audit.MapGet("/entries", EntriesAsync);
        audit.MapGet("/export.csv", AuditExport.CsvAsync);
        audit.MapGet("/export.json", AuditExport.JsonAsync);
        return app;
    }

    /// <summary>The filters and entries alone, for htmx; the address bar shows the page's own address for the same filters.</summary>
    private static async Task<RazorComponentResult<AuditTrailBody>> EntriesAsync(HttpContext context, string project, FlagService flags)
    {
        var filter = AuditFilter.FromQuery(context.Request.Query);
        var view = await AuditTrailView.LoadAsync(flags, project, filter, context.RequestAborted);
        var before = view.Problems.ContainsKey("before") ? null : filter.Before;
        context.Response.Headers["HX-Push-Url"] = view.PagePath + filter.ToQueryString(before is null ? null : long.Parse(before));
        context.Response.Headers.Vary = "HX-Request";
        return new RazorComponentResult<AuditTrailBody>(new { View = view });
    }
}
