using System.Text.Json;
using FlagAdmin.Core.Audit;

namespace FlagAdmin.Web.Audit;

/// <summary>Action names in exports: the snake_case form the JSON of domain objects uses (<c>flag_toggled</c>).</summary>
public static class AuditExportNames
{
    public static string Action(AuditAction action) => JsonNamingPolicy.SnakeCaseLower.ConvertName(action.ToString());
}
