namespace FlagAdmin.Core.Projects;

public sealed record NewProject(string Key, string Name, bool RequireReasonInProtectedEnvironments = false);

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
