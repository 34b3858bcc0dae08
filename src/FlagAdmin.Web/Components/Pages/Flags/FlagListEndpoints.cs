using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Web.Auth;
using FlagAdmin.Web.Hosting;
using FlagAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Antiforgery;

namespace FlagAdmin.Web.Components.Pages.Flags;

/// <summary>
/// The flags list's fragments and its toggle. A toggle from htmx answers with the re-rendered row (also for a
/// conflict, a refusal or a missing reason, with a note in the row); a plain form post answers 303, back to the
/// list with the same query when saved, or to the confirmation step (<see cref="ConfirmTogglePage"/>) when the
/// environment is protected or the change could not be saved as asked.
/// </summary>
public static class FlagListEndpoints
{
    /// <summary>Responses carrying this header are swapped by htmx even with an error status (see wwwroot/flags.js).</summary>
    public const string SwapAlwaysHeader = "FlagAdmin-Swap";

    public static IEndpointRouteBuilder MapFlagListEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/projects/{project}/flags-table", TableAsync).RequireAuthorization(Policies.Viewer);
        app.MapGet("/projects/{project}/flags/{flag}/row", RowAsync).RequireAuthorization(Policies.Viewer);
        app.MapPost("/projects/{project}/flags/toggle", ToggleAsync).RequireAuthorization(Policies.Viewer)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    private static async Task<IResult> TableAsync(string project, HttpContext http, FlagService flags)
    {
        var query = FlagListQuery.Parse(http.Request.Query);
        var model = await FlagListModel.LoadAsync(flags, project, query, http.User.FlagAdminRole(), http.RequestAborted);
        http.Response.Headers["HX-Push-Url"] = FlagPaths.List(project, query);
        return new RazorComponentResult<FlagsTable>(new { Model = model });
    }

    private static async Task<IResult> RowAsync(string project, string flag, string? shown, HttpContext http, FlagService flags)
    {
        var row = await TryLoadRowAsync(flags, project, flag, http);
        // A flag deleted meanwhile leaves its row empty-handed: an empty answer removes it.
        if (row is null)
        {
            return Results.Content("", "text/html");
        }
        return row.VersionStamp == shown ? Results.NoContent() : new RazorComponentResult<FlagRow>(new { Model = row });
    }

    private static async Task<IResult> ToggleAsync(string project, HttpContext http, FlagService flags)
    {
        // The form is read here rather than bound, so a missing token or a body that is not a form is a 400 with a reason, not an exception.
        if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } || !http.Request.HasFormContentType)
        {
            return Results.BadRequest("This change did not come from FlagAdmin's own page; reload the page and try again.");
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (toggle, q, reason, confirmed) = (form["toggle"].ToString(), form["q"].ToString(), form["reason"].ToString(), form["confirmed"].ToString());
        var isHtmx = http.Request.IsHtmx();
        var request = ToggleRequest.TryParse(toggle);
        if (request is null)
        {
            return isHtmx
                ? Problem(http, StatusCodes.Status400BadRequest, "warning", "That switch sent something unexpected; reload the page and try again.")
                : Results.BadRequest("The toggle value must be flag|environment|on-or-off|version; reload the list and try again.");
        }
        var listQuery = FlagListQuery.Parse(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(q)));
        var prompt = http.Request.Headers["HX-Prompt"];
        reason = string.IsNullOrWhiteSpace(reason) ? (prompt.Count > 0 ? prompt.ToString() : null) : reason;

        try
        {
            var environments = await flags.ListEnvironmentsAsync(project, http.RequestAborted);
            var environment = environments.FirstOrDefault(e => e.Key == request.EnvironmentKey)
                ?? throw new NotFoundException("Environment", request.EnvironmentKey);
            // Without JavaScript the confirmation is a page of its own; with htmx, hx-prompt asked before the post.
            // Confirming guards against a slip of the hand, not against a client: the role check is FlagService's.
            if (environment.Protected && !isHtmx && confirmed is not ("on" or "true"))
            {
                return SeeOther(http, Confirm(project, request, listQuery));
            }

            await flags.SetEnabledAsync(project, request.FlagKey, request.EnvironmentKey, request.Enabled, request.ExpectedVersion,
                http.User.ToChangeContext(reason), http.RequestAborted);
            return isHtmx
                ? await RenderRowAsync(http, flags, project, request.FlagKey, StatusCodes.Status200OK,
                    new RowNote("success", $"Turned {request.TurnTo} in {environment.Name}."))
                : SeeOther(http, FlagPaths.List(project, listQuery));
        }
        catch (VersionConflictException e) when (isHtmx)
        {
            var now = e.Current is FlagState state ? (state.Enabled ? "on" : "off") : "changed";
            return await RenderRowAsync(http, flags, project, request.FlagKey, StatusCodes.Status409Conflict,
                new RowNote("warning", $"Not saved: {e.ChangedBy} changed this at {e.ChangedAt:yyyy-MM-dd HH:mm:ss} UTC; it is {now} in {request.EnvironmentKey} now. Click the switch again to apply yours on top."));
        }
        catch (VersionConflictException)
        {
            return SeeOther(http, Confirm(project, request, listQuery));
        }
        catch (ValidationException e) when (isHtmx)
        {
            return await RenderRowAsync(http, flags, project, request.FlagKey, StatusCodes.Status422UnprocessableEntity, new RowNote("danger", e.Message));
        }
        catch (ValidationException)
        {
            return SeeOther(http, Confirm(project, request, listQuery) + "&problem=reason");
        }
        catch (ForbiddenException e) when (isHtmx)
        {
            return await RenderRowAsync(http, flags, project, request.FlagKey, StatusCodes.Status403Forbidden, new RowNote("danger", e.Message));
        }
        catch (NotFoundException e) when (isHtmx)
        {
            return Problem(http, StatusCodes.Status404NotFound, "warning", $"{e.Message} Reload the list.");
        }
        catch (StoreException e) when (isHtmx)
        {
            return Problem(http, StoreErrorStatus.For(e), "danger", e.Message);
        }
    }

    private static async Task<IResult> RenderRowAsync(HttpContext http, FlagService flags, string project, string flag, int status, RowNote note)
    {
        FlagRowModel? row;
        try
        {
            row = await TryLoadRowAsync(flags, project, flag, http);
        }
        catch (StoreException e)
        {
            return Problem(http, StoreErrorStatus.For(e), "danger", status == StatusCodes.Status200OK
                ? "Saved, but the database failed before the list could be refreshed; reload the page."
                : e.Message);
        }
        if (row is null)
        {
            return Problem(http, StatusCodes.Status404NotFound, "warning", $"Flag '{flag}' no longer exists. Reload the list.");
        }
        http.Response.Headers[SwapAlwaysHeader] = "true";
        return new RazorComponentResult<FlagRow>(new { Model = row with { Note = note } }) { StatusCode = status };
    }

    private static async Task<FlagRowModel?> TryLoadRowAsync(FlagService flags, string project, string flag, HttpContext http)
    {
        var model = new FlagListModel(
            await flags.GetProjectAsync(project, http.RequestAborted),
            await flags.ListEnvironmentsAsync(project, http.RequestAborted),
            new FlagListQuery(), null, false, []);
        try
        {
            var details = await flags.GetFlagAsync(project, flag, http.RequestAborted);
            return model.Row(details) with { CanToggle = http.User.FlagAdminRole() is { } role && Core.Users.Permissions.Allows(role, Core.Users.Role.Editor) };
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    // Outcomes that have no row to show go to the alert above the table.
    private static IResult Problem(HttpContext http, int status, string kind, string text)
    {
        http.Response.Headers[SwapAlwaysHeader] = "true";
        http.Response.Headers["HX-Retarget"] = "#flags-alert";
        http.Response.Headers["HX-Reswap"] = "innerHTML";
        RenderFragment content = builder => builder.AddContent(0, text);
        return new RazorComponentResult<Alert>(new Dictionary<string, object?> { ["Kind"] = kind, ["ChildContent"] = content }) { StatusCode = status };
    }

    private static string Confirm(string project, ToggleRequest request, FlagListQuery listQuery) =>
        $"{FlagPaths.ConfirmToggle(project, request.FlagKey, request.EnvironmentKey)}?to={request.TurnTo}&version={request.ExpectedVersion}&q={Uri.EscapeDataString(listQuery.ToQueryString())}";

    private static IResult SeeOther(HttpContext http, string location)
    {
        http.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
