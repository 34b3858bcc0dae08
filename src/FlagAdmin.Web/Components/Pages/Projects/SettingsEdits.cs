using FlagAdmin.Core.Projects;

namespace FlagAdmin.Web.Components.Pages.Projects;

/// <summary>
/// The settings forms as typed, each with the version it started from, so a save over someone else's change is a
/// conflict (also after a server restart, when <c>UnsavedEdit</c> fills a kept edit in again).
/// </summary>
public sealed record ProjectEdit
{
    public uint Version { get; set; }
    public string Name { get; set; } = "";
    public bool RequireReason { get; set; }
    public string Reason { get; set; } = "";

    public static ProjectEdit Of(Project project) =>
        new() { Version = project.Version, Name = project.Name, RequireReason = project.RequireReasonInProtectedEnvironments };

    public ProjectUpdate ToUpdate(string projectKey) => new(projectKey, Version, Name, RequireReason);

    public string Describe() => $"Project settings (name {Name.Trim()})";
}

/// <summary>One environment's name and protection as typed.</summary>
public sealed record EnvironmentEdit
{
    public uint Version { get; set; }

    /// <summary>The position it had at that version (moves are made by the page, not typed).</summary>
    public int Order { get; set; }

    public string Name { get; set; } = "";
    public bool Protected { get; set; }
    public string Reason { get; set; } = "";

    public static EnvironmentEdit Of(ProjectEnvironment environment) =>
        new() { Version = environment.Version, Order = environment.Order, Name = environment.Name, Protected = environment.Protected };

    public EnvironmentUpdate ToUpdate(ProjectEnvironment environment) =>
        new(environment.ProjectKey, environment.Key, Version, Name, Order, Protected);
}

/// <summary>A new environment as typed.</summary>
public sealed record NewEnvironmentEdit
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public bool Protected { get; set; }
    public string Reason { get; set; } = "";

    /// <summary>The environment, placed after the project's last one (positions go up to 10,000).</summary>
    public NewEnvironment ToNew(string projectKey, IReadOnlyList<ProjectEnvironment> environments) =>
        new(projectKey, Key.Trim(), Name, environments.Count == 0 ? 1 : Math.Min(environments.Max(e => e.Order) + 1, 10_000), Protected);

    public string Describe() => $"New environment '{Key.Trim()}' (name {Name.Trim()})";
}
