using System.Globalization;
using System.Security.Claims;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Http;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>Saves a posted metadata form through FlagService, for the page and the htmx fragment alike.</summary>
public sealed class MetadataEditor(FlagService flags)
{
    public async Task<MetadataView> HandleAsync(ClaimsPrincipal user, string projectKey, string flagKey, IFormCollection posted, CancellationToken cancellationToken)
    {
        var details = await flags.GetFlagAsync(projectKey, flagKey, cancellationToken);
        var view = MetadataView.Of(details.Flag, user.FlagAdminRole() ?? Role.Viewer) with
        {
            Version = uint.TryParse(posted["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0,
            Name = posted["name"].ToString(),
            Description = posted["description"].ToString(),
            Tags = posted["tags"].ToString(),
            Owner = posted["owner"].ToString(),
        };
        try
        {
            var updated = await flags.UpdateFlagAsync(new FlagUpdate
            {
                ProjectKey = projectKey,
                Key = flagKey,
                ExpectedVersion = view.Version,
                Name = view.Name,
                Description = view.Description,
                Variants = details.Flag.Variants,
                Tags = view.Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToValueList(),
                Owner = string.IsNullOrWhiteSpace(view.Owner) ? null : view.Owner,
            }, user.ToChangeContext(posted["reason"].ToString()), cancellationToken);
            return MetadataView.Of(updated, view.Role) with { Note = "Saved the flag's details." };
        }
        catch (ValidationException e)
        {
            return view with { Errors = e.Errors };
        }
        catch (VersionConflictException e)
        {
            // The form keeps what the user typed; saving again takes the current version, so they overwrite knowingly.
            return view with
            {
                Version = details.Flag.Version,
                Problem = $"{e.ChangedBy ?? "Someone"} changed this flag's details at {e.ChangedAt:u} since you loaded them: now named '{details.Flag.Name}', owner '{details.Flag.Owner ?? "none"}', tags '{string.Join(", ", details.Flag.Tags)}'. Your edits were not saved; save again to apply them on top.",
            };
        }
        catch (StoreUnavailableException)
        {
            return view with { Problem = "The database is unavailable — your change was not saved." };
        }
        catch (Exception e) when (e is ForbiddenException or NotFoundException)
        {
            return view with { Problem = e.Message };
        }
    }
}
