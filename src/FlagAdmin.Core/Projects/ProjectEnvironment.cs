namespace FlagAdmin.Core.Projects;

/// <summary>A stage a project's flags are served in (development, staging, production …), ordered per project.</summary>
public sealed record ProjectEnvironment
{
    public required string ProjectKey { get; init; }
    public required string Key { get; init; }
    public required string Name { get; init; }

    /// <summary>Position among the project's environments; lists are sorted by it, then by key.</summary>
    public int Order { get; init; }

    /// <summary>Changes here ask the user for confirmation (and a reason, when the project requires one).</summary>
    public bool Protected { get; init; }

    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string UpdatedBy { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public uint Version { get; init; }
}
