using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Web.Api.Http;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlagAdmin.Web.Api.Flags;

/// <summary>
/// Flags of a project: list (the same filters and paging as the UI's list), get, create, edit metadata,
/// archive, restore and delete. Each flag answers with its version as ETag; every write needs If-Match.
/// </summary>
public static class FlagEndpoints
{
    public static RouteGroupBuilder MapFlagEndpoints(this RouteGroupBuilder api)
    {
        var flags = api.MapGroup("/projects/{project}/flags");
        flags.MapGet("", ListAsync).WithName("ListFlags")
            .WithSummary("List flags, look flags up by key, or list the changes since a time")
            .WithDescription("""
                Filters: search, tag (repeat or comma-separate; all must match), owner, archived (false by default, true, all),
                environment with enabled. Order and paging: sort (key, name, createdAt, updatedAt, modifiedAt), descending, offset,
                limit (1-500, default 50). keys=a,b,c (alone, at most 100): those flags, archived too, in the order asked, and
                'missing'. modifiedSince=<ISO 8601>: the flags whose definition or any state changed since then, archived too,
                oldest change first, paged with after=<next>; the last page's 'syncedTo' is the next list's modifiedSince.
                Deleted flags are not listed: the audit trail's flagDeleted entries from the same time name them.
                """);
        flags.MapFlagLookupEndpoints();
        flags.MapPost("", CreateAsync).WithName("CreateFlag");
        flags.MapGet("/{flag}", GetAsync).WithName("GetFlag");
        flags.MapPatch("/{flag}", UpdateAsync).WithName("UpdateFlag").WithIfMatch();
        flags.MapPost("/{flag}/archive", (string project, string flag, FlagService service, HttpContext http, CancellationToken ct) => SetArchivedAsync(project, flag, true, service, http, ct)).WithName("ArchiveFlag").WithIfMatch();
        flags.MapPost("/{flag}/unarchive", (string project, string flag, FlagService service, HttpContext http, CancellationToken ct) => SetArchivedAsync(project, flag, false, service, http, ct)).WithName("UnarchiveFlag").WithIfMatch();
        flags.MapDelete("/{flag}", DeleteAsync).WithName("DeleteFlag").WithIfMatch();
        return api;
    }

    /// <summary>
    /// Query: <c>search</c>, <c>tag</c> (repeat or comma-separate; all must match), <c>owner</c>,
    /// <c>archived</c> (false by default, true, or <c>all</c>), <c>environment</c> with <c>enabled</c>,
    /// <c>sort</c> (key, name, createdAt, updatedAt, modifiedAt), <c>descending</c>, <c>offset</c>, <c>limit</c> (1–500, default 50);
    /// or <c>modifiedSince</c> for a list of changes (see <see cref="FlagListParameters"/>); or <c>keys</c> alone for a look-up.
    /// </summary>
    private static async Task<Ok<FlagPageDto>> ListAsync(string project, FlagService flags, HttpRequest request, CancellationToken cancellationToken)
    {
        var query = new QueryValues(request.Query);
        if (query.Has("keys"))
        {
            return TypedResults.Ok(await FlagLookupEndpoints.LookupAsync(project, query, flags, cancellationToken));
        }
        var (flagQuery, after) = FlagListParameters.ReadList(project, query);
        query.ThrowIfAny();
        await flags.GetProjectAsync(project, cancellationToken);
        var page = await flags.ListFlagsAsync(flagQuery, cancellationToken);
        if (page.SyncedTo is not { } readTo)
        {
            return TypedResults.Ok(FlagPageDto.From(page));
        }
        var syncedTo = after is not null && after.SyncedTo < readTo ? after.SyncedTo : readTo;
        return TypedResults.Ok(FlagPageDto.From(page) with
        {
            SyncedTo = syncedTo,
            Next = page.HasMore ? new ChangesCursor(FlagPosition.Of(page.Items[^1]), syncedTo).Encode() : null,
        });
    }

    private static async Task<Ok<FlagDto>> GetAsync(string project, string flag, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await flags.GetFlagAsync(project, flag, cancellationToken);
        Versions.SetETag(http, found.Flag.Version);
        return TypedResults.Ok(FlagDto.From(found.Flag));
    }

    private static async Task<Created<FlagDto>> CreateAsync(string project, JsonBody<CreateFlagRequest> body, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var request = body.Value;
        var created = await flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = project,
            Key = request.Key,
            Name = request.Name,
            Description = request.Description,
            Kind = request.Kind,
            VariantType = request.VariantType,
            Variants = VariantDto.ToDomain(request.Variants),
            Tags = new ValueList<string>(request.Tags ?? []),
            Owner = request.Owner,
        }, http.User.ToChangeContext(ChangeReason.From(http.Request, body.Value)), cancellationToken);
        Versions.SetETag(http, created.Flag.Version);
        return TypedResults.Created($"{AdminApi.Prefix}/projects/{project}/flags/{created.Flag.Key}", FlagDto.From(created.Flag));
    }

    private static async Task<Ok<FlagDto>> UpdateAsync(string project, string flag, JsonBody<UpdateFlagRequest> body, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var expected = Versions.RequireIfMatch(http.Request);
        var change = http.User.ToChangeContext(ChangeReason.From(http.Request, body.Value));
        var request = body.Value;
        var current = (await flags.GetFlagAsync(project, flag, cancellationToken)).Flag;
        var updated = await flags.UpdateFlagAsync(new FlagUpdate
        {
            ProjectKey = project,
            Key = flag,
            ExpectedVersion = expected,
            Name = request.Name ?? current.Name,
            Description = request.Description ?? current.Description,
            Variants = request.Variants is null ? current.Variants : VariantDto.ToDomain(request.Variants),
            Tags = request.Tags is null ? current.Tags : new ValueList<string>(request.Tags),
            Owner = request.Owner is null ? current.Owner : request.Owner.Length == 0 ? null : request.Owner,
        }, change, cancellationToken);
        Versions.SetETag(http, updated.Version);
        return TypedResults.Ok(FlagDto.From(updated));
    }

    private static async Task<Ok<FlagDto>> SetArchivedAsync(string project, string flag, bool archived, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var expected = Versions.RequireIfMatch(http.Request);
        var updated = await flags.SetArchivedAsync(project, flag, archived, expected, http.User.ToChangeContext(ChangeReason.From(http.Request)), cancellationToken);
        Versions.SetETag(http, updated.Version);
        return TypedResults.Ok(FlagDto.From(updated));
    }

    private static async Task<NoContent> DeleteAsync(string project, string flag, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var expected = Versions.RequireIfMatch(http.Request);
        await flags.DeleteFlagAsync(project, flag, expected, http.User.ToChangeContext(ChangeReason.From(http.Request)), cancellationToken);
        return TypedResults.NoContent();
    }
}
