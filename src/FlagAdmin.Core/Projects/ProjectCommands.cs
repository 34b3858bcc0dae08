namespace FlagAdmin.Core.Projects;

public sealed record NewProject(string Key, string Name, bool RequireReasonInProtectedEnvironments = false)
{
    /// <summary>
    /// Environments to create with the project, in this order (positions 1, 2, 3 …); none by default. FlagService
    /// creates them in the same transaction as the project; the store creates the project alone.
    /// </summary>
    public IReadOnlyList<EnvironmentTemplate> Environments { get; init; } = [];
}

/// <summary>An environment to create together with a new project.</summary>
public sealed record EnvironmentTemplate(string Key, string Name, bool Protected = false)
{
    /// <summary>What a new project starts with in the admin app unless its creator leaves some out.</summary>
    public static IReadOnlyList<EnvironmentTemplate> Standard { get; } =
        [new("development", "Development"), new("staging", "Staging"), new("production", "Production", Protected: true)];
}

public sealed record ProjectUpdate(string Key, uint ExpectedVersion, string Name, bool RequireReasonInProtectedEnvironments)
{
    /// <summary>True when this (normalized) update would make <paramref name="current"/> differ; false for a no-op.</summary>
    public bool Changes(Project current) =>
        Name != current.Name || RequireReasonInProtectedEnvironments != current.RequireReasonInProtectedEnvironments;
}

public sealed record NewEnvironment(string ProjectKey, string Key, string Name, int Order, bool Protected = false);

public sealed record EnvironmentUpdate(string ProjectKey, string Key, uint ExpectedVersion, string Name, int Order, bool Protected)
{
    /// <summary>True when this (normalized) update would make <paramref name="current"/> differ; false for a no-op.</summary>
    public bool Changes(ProjectEnvironment current) => Name != current.Name || Order != current.Order || Protected != current.Protected;
}

/// <summary>An environment's place in a wanted order, with the version the caller saw it at.</summary>
public sealed record EnvironmentPosition(string Key, uint ExpectedVersion);

/// <summary>A project with its environments in their order.</summary>
public sealed record ProjectSetup(Project Project, IReadOnlyList<ProjectEnvironment> Environments);
