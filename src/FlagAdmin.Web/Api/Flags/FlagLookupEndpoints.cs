using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Web.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlagAdmin.Web.Api.Flags;

/// <summary>
/// Look-ups that read less than the flag list: whether a flag exists (<c>HEAD</c>, its ETag and no body), how many flags
/// match the list's filters (<c>/count</c>), and flags by key (<c>?keys=</c> on the list).
/// </summary>
public static class FlagLookupEndpoints
{
    public static RouteGroupBuilder MapFlagLookupEndpoints(this RouteGroupBuilder flags)
    {
        flags.MapGet("/count", CountAsync).WithName("CountFlags")
            .WithSummary("How many flags the list would hold with the same filters (search, tag, owner, archived, environment with enabled, modifiedSince)");
        flags.MapMethods("/{flag}", [HttpMethods.Head], ExistsAsync).WithName("FlagExists")
            .WithSummary("Whether the flag exists: 200 with its ETag, 304 when If-None-Match names it, 404 when it or its project does not; no body")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status304NotModified);
        return flags;
    }

    /// <summary>200 with the flag's ETag, or 304 when If-None-Match names it; 404 when the flag or its project does not exist.</summary>
    private static async Task<IResult> ExistsAsync(string project, string flag, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var condition = IfNoneMatch.From(http.Request);
        var version = await flags.FindFlagVersionAsync(project, flag, cancellationToken) ?? throw new NotFoundException("Flag", flag);
        Versions.SetETag(http, version);
        return condition?.Matches(Versions.ETagOf(version)) == true
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok();
    }

    /// <summary>The list's filters (<see cref="FlagListParameters.Filters"/>); its ordering and paging change nothing here and are ignored.</summary>
    private static async Task<Ok<FlagCountDto>> CountAsync(string project, FlagService flags, HttpRequest request, CancellationToken cancellationToken)
    {
        var query = new QueryValues(request.Query);
        var filters = FlagListParameters.ReadFilters(project, query);
        foreach (var name in new[] { "keys", "after" }.Where(query.Has))
        {
            query.Refuse(name, $"The count is of the whole list; {name} does not apply to it.");
        }
        query.ThrowIfAny();
        return TypedResults.Ok(new FlagCountDto(await flags.CountFlagsAsync(filters, cancellationToken)));
    }

    /// <summary>
    /// <c>?keys=a,b,c</c>: the flags that exist (archived ones too) in the order asked, each once; <c>missing</c> lists the
    /// keys that name none. It takes no other list parameter.
    /// </summary>
    internal static async Task<FlagPageDto> LookupAsync(string project, QueryValues query, FlagService flags, CancellationToken cancellationToken)
    {
        var others = FlagListParameters.Filters.Concat(FlagListParameters.Ordering).Where(query.Has).ToList();
        if (others.Count > 0)
        {
            query.Refuse("keys", $"keys looks flags up by key and takes no other list parameter; leave out {string.Join(", ", others)}.");
        }
        query.ThrowIfAny();
        var lookup = await flags.GetFlagsAsync(project, query.List("keys"), cancellationToken);
        var found = lookup.Found.Select(FlagWithStatesDto.From).ToList();
        return new FlagPageDto(found, found.Count, 0, found.Count + lookup.Missing.Count, HasMore: false) { Missing = lookup.Missing.ToList() };
    }
}
