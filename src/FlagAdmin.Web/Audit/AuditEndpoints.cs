using FlagAdmin.Web.Auth;

namespace FlagAdmin.Web.Audit;

/// <summary>The audit trail's downloads; the page itself is Components/Pages/Audit/AuditTrail.razor.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditTrail(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/projects/{project}/audit").RequireAuthorization(Policies.Viewer).ExcludeFromDescription();
        audit.MapGet("/export.csv", AuditExport.CsvAsync);
        audit.MapGet("/export.json", AuditExport.JsonAsync);
        return app;
    }
}
