using System.Text.Json.Serialization;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Flags;

/// <summary>How a flag behaves in one environment. Versioned on its own, so edits to different environments never conflict.</summary>
public sealed record FlagState
{
    public const int FullRollout = Percentage.MaxBasisPoints;

    public required string ProjectKey { get; init; }
    public required string FlagKey { get; init; }
    public required string EnvironmentKey { get; init; }
    public bool Enabled { get; init; }

    /// <summary>Share of targeting keys that get the on variant, in basis points: 0 to 10000, i.e. 0.01 % steps.</summary>
    public int RolloutBasisPoints { get; init; } = FullRollout;

    public required string OnVariant { get; init; }
    public required string OffVariant { get; init; }

    /// <summary>Evaluated in order; the first rule whose conditions all match decides.</summary>
    public ValueList<TargetingRule> Rules { get; init; }

    /// <summary>A free JSON value (compact text) handed to applications with the flag, or null.</summary>
    public string? Config { get; init; }

    public required string UpdatedBy { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public uint Version { get; init; }

    [JsonIgnore]
    public Percentage Rollout => Percentage.FromBasisPoints(RolloutBasisPoints);

    /// <summary>The rollout in percent (12.34), as the audit trail's JSON has always carried it for scripts to read.</summary>
    public decimal RolloutPercent => Rollout.Percent;

    /// <summary>The state a flag starts with in an environment: off, full rollout, first variant when on, second (or only) when off.</summary>
    public static FlagState Initial(Flag flag, string environmentKey, string actor, DateTimeOffset at) => new()
    {
        ProjectKey = flag.ProjectKey,
        FlagKey = flag.Key,
        EnvironmentKey = environmentKey,
        Enabled = false,
        RolloutBasisPoints = FullRollout,
        OnVariant = flag.Variants[0].Key,
        OffVariant = flag.Variants[flag.Variants.Count > 1 ? 1 : 0].Key,
        UpdatedBy = actor,
        UpdatedAt = at,
    };
}

/// <summary>A flag with its state in every environment of its project, in environment order.</summary>
public sealed record FlagDetails(Flag Flag, ValueList<FlagState> States)
{
    public FlagState? StateIn(string environmentKey)
    {
        foreach (var state in States)
        {
            if (state.EnvironmentKey == environmentKey)
            {
                return state;
            }
        }
        return null;
    }

    /// <summary>The latest change to the flag or any of its environments.</summary>
    public (string By, DateTimeOffset At) LastChange
    {
        get
        {
            var (by, at) = (Flag.UpdatedBy, Flag.UpdatedAt);
            foreach (var state in States)
            {
                if (state.UpdatedAt > at)
                {
                    (by, at) = (state.UpdatedBy, state.UpdatedAt);
                }
            }
            return (by, at);
        }
    }
}

/// <summary>A flag with its project and the project's environments (in order), read together: all a flag's page shows.</summary>
public sealed record FlagInProject(Project Project, ValueList<ProjectEnvironment> Environments, FlagDetails Details)
{
    public ProjectEnvironment? Environment(string environmentKey)
    {
        foreach (var environment in Environments)
        {
            if (environment.Key == environmentKey)
            {
                return environment;
            }
        }
        return null;
    }
}
