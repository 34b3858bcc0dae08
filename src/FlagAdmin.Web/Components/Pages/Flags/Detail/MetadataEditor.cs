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
        var postedVariants = PostedVariants(posted);
        var view = MetadataView.Of(details.Flag, user.FlagAdminRole() ?? Role.Viewer) with
        {
            Version = uint.TryParse(posted["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0,
            Name = posted["name"].ToString(),
            Description = posted["description"].ToString(),
            Tags = posted["tags"].ToString(),
            Owner = posted["owner"].ToString(),
            Variants = postedVariants ?? MetadataView.Of(details.Flag, Role.Viewer).Variants,
        };
        if (posted["command"] == "add-variant")
        {
            return view with { Variants = [.. view.Variants, new NewFlagForm.VariantRow()] };
        }
        try
        {
            var updated = await flags.UpdateFlagAsync(new FlagUpdate
            {
                ProjectKey = projectKey,
                Key = flagKey,
                ExpectedVersion = view.Version,
                Name = view.Name,
                Description = view.Description,
                Variants = details.Flag.Kind == FlagKind.Multivariate && postedVariants is not null ? ToVariants(postedVariants, details.Flag.VariantType) : details.Flag.Variants,
                Tags = view.Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToValueList(),
                Owner = string.IsNullOrWhiteSpace(view.Owner) ? null : view.Owner,
            }, user.ToChangeContext(posted["reason"].ToString()), cancellationToken);
            return MetadataView.Of(updated, view.Role) with
            {
                Note = updated.Version == view.Version ? "Nothing to save: these details are stored already." : "Saved the flag's details.",
            };
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
                Problem = $"{e.ChangedBy ?? "Someone"} changed this flag's details at {e.ChangedAt:u} since you loaded them: now named '{details.Flag.Name}', owner '{details.Flag.Owner ?? "none"}', tags '{string.Join(", ", details.Flag.Tags)}', variants '{string.Join(", ", details.Flag.Variants.Select(v => v.Key))}'. Your edits were not saved; save again to apply them on top.",
            };
        }
        catch (StoreException e)
        {
            return view with { Problem = e.Message };
        }
        catch (ForbiddenException e)
        {
            return view with { Problem = e.Message, Refused = true };
        }
        catch (NotFoundException e)
        {
            return view with { Problem = e.Message };
        }
    }

    // Null when the post carries no variant rows (a boolean flag, or the rows were disabled for a non-Admin): the stored ones stay.
    private static List<NewFlagForm.VariantRow>? PostedVariants(IFormCollection posted)
    {
        var rows = new List<NewFlagForm.VariantRow>();
        for (var i = 0; posted.ContainsKey($"variants[{i}].Key"); i++)
        {
            rows.Add(new NewFlagForm.VariantRow
            {
                Key = posted[$"variants[{i}].Key"].ToString(),
                Value = posted[$"variants[{i}].Value"].ToString(),
                Description = posted[$"variants[{i}].Description"].ToString(),
            });
        }
        return rows.Count > 0 ? rows : null;
    }

    // A row whose key was cleared is how a variant is removed.
    private static ValueList<Variant> ToVariants(IEnumerable<NewFlagForm.VariantRow> rows, VariantType type) =>
        rows.Where(r => !string.IsNullOrWhiteSpace(r.Key))
            .Select(r => new Variant(r.Key!.Trim(), VariantValueText.ToJson(r.Value, type), string.IsNullOrWhiteSpace(r.Description) ? null : r.Description.Trim()))
            .ToValueList();
}
