using System.Text.Json;
using System.Text.Json.Serialization;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Web.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlagAdmin.Web.Api.Audit;

/// <summary>A project's audit trail, newest first, with the same filters as the UI's.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{project}/audit", ListAsync).WithName("ListAuditEntries");
        return api;
    }

    /// <summary>
    /// Query: <c>flag</c>, <c>environment</c>, <c>actor</c>, <c>action</c> (camelCase, e.g. flagToggled),
    /// <c>from</c> (inclusive) and <c>to</c> (exclusive) as ISO 8601 times, <c>limit</c> (1–500, default 50), and
    /// <c>before</c>: the previous page's <c>nextBefore</c>.
    /// </summary>
    private static async Task<Ok<AuditPageDto>> ListAsync(string project, FlagService flags, HttpRequest request, CancellationToken cancellationToken)
    {
        var query = new QueryValues(request.Query);
        var auditQuery = new AuditQuery
        {
            ProjectKey = project,
            FlagKey = query.Text("flag"),
            EnvironmentKey = query.Text("environment"),
            Actor = query.Text("actor"),
            Action = query.Enum<AuditAction>("action"),
            From = query.Time("from"),
            To = query.Time("to"),
            BeforeId = query.Long("before"),
            Limit = query.Int("limit", 50),
        };
        query.ThrowIfAny();
        await flags.GetProjectAsync(project, cancellationToken);
        var page = await flags.HistoryAsync(auditQuery, cancellationToken);
        return TypedResults.Ok(new AuditPageDto(page.Items.Select(AuditEntryDto.From).ToList(), page.NextBeforeId));
    }
}

/// <summary>Entries newest first; pass <see cref="NextBefore"/> as <c>before</c> for the next page (null on the last one).</summary>
public sealed record AuditPageDto(IReadOnlyList<AuditEntryDto> Items, long? NextBefore);

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
