using System.Text.Json;
using System.Text.Json.Serialization;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Api.Http;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlagAdmin.Web.Api.Audit;

/// <summary>A project's audit trail and the account history (users and tokens), newest first, with the same filters as the UI's.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{project}/audit", ListAsync).WithName("ListAuditEntries");
        api.MapGet("/users/audit", ListUserHistoryAsync).WithName("ListUserAuditEntries");
        return api;
    }

    /// <summary>
    /// Query: <c>flag</c>, <c>environment</c>, <c>actor</c>, <c>action</c> (camelCase, e.g. flagToggled),
    /// <c>from</c> (inclusive) and <c>to</c> (exclusive) as ISO 8601 times, <c>limit</c> (1–500, default 50), and
    /// <c>before</c>: the previous page's <c>nextBefore</c>.
    /// </summary>
    private static async Task<Ok<AuditPageDto>> ListAsync(string project, FlagService flags, HttpRequest request, CancellationToken cancellationToken)
    {
        var auditQuery = ReadQuery(request, project, withFlagAndEnvironment: true);
        await flags.GetProjectAsync(project, cancellationToken);
        return TypedResults.Ok(AuditPageDto.From(await flags.HistoryAsync(auditQuery, cancellationToken)));
    }

    /// <summary>
    /// The account history (users and access tokens), for Admins only; the same query and answer as a project's
    /// trail except that <c>flag</c> and <c>environment</c> do not apply.
    /// </summary>
    private static async Task<Ok<AuditPageDto>> ListUserHistoryAsync(UserService users, HttpContext http, CancellationToken cancellationToken)
    {
        var auditQuery = ReadQuery(http.Request, UserAudit.ProjectKey, withFlagAndEnvironment: false);
        return TypedResults.Ok(AuditPageDto.From(await users.HistoryAsync(auditQuery, http.User.ToChangeContext(), cancellationToken)));
    }

    private static AuditQuery ReadQuery(HttpRequest request, string projectKey, bool withFlagAndEnvironment)
    {
        var query = new QueryValues(request.Query);
        var auditQuery = new AuditQuery
        {
            ProjectKey = projectKey,
            FlagKey = withFlagAndEnvironment ? query.Text("flag") : null,
            EnvironmentKey = withFlagAndEnvironment ? query.Text("environment") : null,
            Actor = query.Text("actor"),
            Action = query.Enum<AuditAction>("action"),
            From = query.Time("from"),
            To = query.Time("to"),
            BeforeId = query.Long("before"),
            Limit = query.Int("limit", 50),
        };
        query.ThrowIfAny();
        return auditQuery;
    }
}

/// <summary>Entries newest first; pass <see cref="NextBefore"/> as <c>before</c> for the next page (null on the last one).</summary>
public sealed record AuditPageDto(IReadOnlyList<AuditEntryDto> Items, long? NextBefore)
{
    public static AuditPageDto From(AuditPage page) => new(page.Items.Select(AuditEntryDto.From).ToList(), page.NextBeforeId);
}

/// <summary>One change: who (and through which token), when, what, the object before and after as JSON, and why.</summary>
public sealed record AuditEntryDto(
    long Id, DateTimeOffset At, string Actor, string? Via,
    [property: JsonConverter(typeof(CamelCaseEnum<AuditAction>))] AuditAction Action,
    string? Environment, string? Flag, JsonElement? Before, JsonElement? After, string? Reason)
{
    public static AuditEntryDto From(AuditEntry e) => new(
        e.Id, e.At, e.Actor, e.Via, e.Action, e.EnvironmentKey, e.FlagKey, Parse(e.Before), Parse(e.After), e.Reason);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
