using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>Everything one environment panel renders: the stored state, the form as the user left it, and the outcome of their last post.</summary>
public sealed record PanelView
{
    public required Project Project { get; init; }
    public required Flag Flag { get; init; }
    public required ProjectEnvironment Environment { get; init; }
    public required FlagState Stored { get; init; }
    public required PanelForm Form { get; init; }
    public required Role Role { get; init; }

    /// <summary>Field messages from validation, keyed as FlagService keys them (rollout, rules, config, reason …).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    /// <summary>The user's role may not make the change they posted; the answer's status is 403.</summary>
    public bool Refused { get; init; }

    /// <summary>A problem that belongs to no one field: not allowed, database down, flag deleted.</summary>
    public string? Problem { get; init; }

    /// <summary>A success note, e.g. "Saved."</summary>
    public string? Note { get; init; }

    /// <summary>Set when the posted version was stale: what is stored now and who changed it.</summary>
    public PanelConflict? Conflict { get; init; }

    public bool CanToggle => Permissions.Allows(Role, Role.Editor);
    public bool CanEditAll => Permissions.Allows(Role, Role.Admin);
    public bool AsksForReason => Environment.Protected && Project.RequireReasonInProtectedEnvironments;

    public string Id => $"panel-{Environment.Key}";

    public string[] ErrorsFor(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];

    public static PanelView Of(Project project, Flag flag, ProjectEnvironment environment, FlagState stored, Role role) => new()
    {
        Project = project,
        Flag = flag,
        Environment = environment,
        Stored = stored,
        Form = PanelForm.FromState(stored),
        Role = role,
    };
}

/// <summary>Someone else's version of the panel: their state, who saved it and when.</summary>
public sealed record PanelConflict(FlagState Theirs, string ChangedBy, DateTimeOffset ChangedAt);
