using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Components.Pages.Flags;

/// <summary>What the flags table shows: one page of flags, the project's environments as columns, and whether the viewer may toggle.</summary>
public sealed record FlagListModel(
    Project Project,
    IReadOnlyList<ProjectEnvironment> Environments,
    FlagListQuery Query,
    FlagPage? Page,
    bool CanToggle,
    IReadOnlyList<string> Problems)
{
    /// <summary>Reads a page for the page itself and for the table fragment; a filter the service rejects becomes a problem to show, not an error page.</summary>
    public static async Task<FlagListModel> LoadAsync(FlagService flags, string projectKey, FlagListQuery query, Role? role, CancellationToken cancellationToken)
    {
        var project = await flags.GetProjectAsync(projectKey, cancellationToken);
        var environments = await flags.ListEnvironmentsAsync(projectKey, cancellationToken);
        var canToggle = role is { } r && Permissions.Allows(r, Role.Editor);
        try
        {
            var page = await flags.ListFlagsAsync(query.ToFlagQuery(projectKey), cancellationToken);
            return new FlagListModel(project, environments, query, page, canToggle, []);
        }
        catch (ValidationException e)
        {
            return new FlagListModel(project, environments, query, null, canToggle, e.Errors.SelectMany(x => x.Value).ToList());
        }
    }

    public FlagRowModel Row(FlagDetails details) => new(Project, Environments, details, CanToggle);
}

/// <summary>One row of the flags table, rendered alone when it is toggled or changed elsewhere.</summary>
public sealed record FlagRowModel(Project Project, IReadOnlyList<ProjectEnvironment> Environments, FlagDetails Details, bool CanToggle)
{
    /// <summary>A note shown in the row after a toggle: what happened, or why nothing was saved.</summary>
    public RowNote? Note { get; init; }

    /// <summary>The versions the row shows; a refresh asked with the same stamp has nothing new to show.</summary>
    public string VersionStamp => string.Join('.', Details.States.Select(state => state.Version).Prepend(Details.Flag.Version));
}

/// <summary>kind: success, warning (conflict) or danger (refused).</summary>
public sealed record RowNote(string Kind, string Text);
