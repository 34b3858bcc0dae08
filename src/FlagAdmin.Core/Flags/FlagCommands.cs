using FlagAdmin.Core.Common;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Flags;

/// <summary>A flag to create. Boolean flags get the variants "on" and "off"; multivariate flags bring their own.</summary>
public sealed record NewFlag
{
    public required string ProjectKey { get; init; }
    public required string Key { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public FlagKind Kind { get; init; }
    public VariantType VariantType { get; init; }
    public ValueList<Variant> Variants { get; init; }
    public ValueList<string> Tags { get; init; }
    public string? Owner { get; init; }
}

/// <summary>New metadata for a flag (everything but its key, kind and archived state).</summary>
public sealed record FlagUpdate
{
    public required string ProjectKey { get; init; }
    public required string Key { get; init; }
    public required uint ExpectedVersion { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public ValueList<Variant> Variants { get; init; }
    public ValueList<string> Tags { get; init; }
    public string? Owner { get; init; }

    /// <summary>True when this (normalized) update would make <paramref name="current"/> differ; false for a no-op.</summary>
    public bool Changes(Flag current) =>
        Name != current.Name || (Description ?? "") != current.Description || Variants != current.Variants
        || Tags != current.Tags || Owner != current.Owner;
}

/// <summary>The whole new state of a flag in one environment.</summary>
public sealed record FlagStateUpdate
{
    public required string ProjectKey { get; init; }
    public required string FlagKey { get; init; }
    public required string EnvironmentKey { get; init; }
    public required uint ExpectedVersion { get; init; }
    public bool Enabled { get; init; }
    public int RolloutBasisPoints { get; init; }
    public required string OnVariant { get; init; }
    public required string OffVariant { get; init; }
    public ValueList<TargetingRule> Rules { get; init; }
    public string? Config { get; init; }

    public static FlagStateUpdate From(FlagState state) => new()
    {
        ProjectKey = state.ProjectKey,
        FlagKey = state.FlagKey,
        EnvironmentKey = state.EnvironmentKey,
        ExpectedVersion = state.Version,
        Enabled = state.Enabled,
        RolloutBasisPoints = state.RolloutBasisPoints,
        OnVariant = state.OnVariant,
        OffVariant = state.OffVariant,
        Rules = state.Rules,
        Config = state.Config,
    };

    /// <summary>True when this (normalized) update would make <paramref name="current"/> differ; false for a no-op.</summary>
    public bool Changes(FlagState current) => ToState(current.UpdatedBy, current.UpdatedAt) with { Version = current.Version } != current;

    /// <summary>The state this update produces, stamped with who and when; the store assigns the version.</summary>
    public FlagState ToState(string updatedBy, DateTimeOffset updatedAt) => new()
    {
        ProjectKey = ProjectKey,
        FlagKey = FlagKey,
        EnvironmentKey = EnvironmentKey,
        Enabled = Enabled,
        RolloutBasisPoints = RolloutBasisPoints,
        OnVariant = OnVariant,
        OffVariant = OffVariant,
        Rules = Rules,
        Config = Config,
        UpdatedBy = updatedBy,
        UpdatedAt = updatedAt,
    };
}
