namespace FlagAdmin.Core.Projects;

/// <summary>A tenant: its flags, environments and audit entries are invisible to every other project.</summary>
public sealed record Project
{
    public required string Key { get; init; }
    public required string Name { get; init; }

    /// <summary>When set, a change in a protected environment must give a reason.</summary>
    public bool RequireReasonInProtectedEnvironments { get; init; }

    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string UpdatedBy { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public uint Version { get; init; }
}
