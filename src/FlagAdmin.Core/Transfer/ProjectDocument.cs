using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Transfer;

/// <summary>
/// A whole project as one JSON document (docs/export-format.md): its settings, environments and every flag with
/// its variants, tags and state per environment. Holds what a person decided, not bookkeeping: no versions,
/// no who/when, so an import elsewhere reproduces the same document when exported again.
/// </summary>
public sealed record ProjectDocument
{
    public const int CurrentFormatVersion = 1;

    /// <summary>Readers refuse a version they do not know; version 1 is described in docs/export-format.md.</summary>
    public required int FormatVersion { get; init; }

    public DateTimeOffset? ExportedAt { get; init; }
    public required DocumentProject Project { get; init; }
    public required IReadOnlyList<DocumentEnvironment> Environments { get; init; }
    public required IReadOnlyList<DocumentFlag> Flags { get; init; }
}

public sealed record DocumentProject(string Key, string Name, bool RequireReasonInProtectedEnvironments = false);

public sealed record DocumentEnvironment(string Key, string Name, int Order = 0, bool Protected = false);

public sealed record DocumentFlag
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public FlagKind Kind { get; init; }
    public VariantType VariantType { get; init; }

    /// <summary>Each value is a JSON value of <see cref="VariantType"/>.</summary>
    public IReadOnlyList<DocumentVariant> Variants { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Owner { get; init; }
    public bool Archived { get; init; }

    /// <summary>State per environment key; an environment left out keeps (or, for a new flag, gets the default) state.</summary>
    public IReadOnlyDictionary<string, DocumentState> Environments { get; init; } = new Dictionary<string, DocumentState>();
}

public sealed record DocumentVariant(string Key, JsonElement Value, string? Description = null);

/// <summary>A flag's state in one environment; rollout and split weights in basis points (10000 = 100 %).</summary>
public sealed record DocumentState
{
    public bool Enabled { get; init; }
    public int RolloutBasisPoints { get; init; } = FlagState.FullRollout;
    public required string OnVariant { get; init; }
    public required string OffVariant { get; init; }
    public ValueList<TargetingRule> Rules { get; init; }
    public JsonElement? Config { get; init; }
}
