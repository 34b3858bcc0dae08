using FlagAdmin.Core.Common;

namespace FlagAdmin.Core.Flags;

/// <summary>
/// Which flags of one project to list. All filters combine with AND. Results are sorted by
/// <see cref="Sort"/> and then by key, so the order is stable across pages and stores.
/// </summary>
public sealed record FlagQuery
{
    public const int MaxLimit = 500;

    public required string ProjectKey { get; init; }

    /// <summary>Case-insensitive substring of the key, name or description, matched literally.</summary>
    public string? Search { get; init; }

    /// <summary>Flags carrying every one of these tags.</summary>
    public ValueList<string> Tags { get; init; }

    public string? Owner { get; init; }

    /// <summary>false (the default): active flags only; true: archived only; null: both.</summary>
    public bool? Archived { get; init; } = false;

    /// <summary>With <see cref="Enabled"/>: only flags that are on (or off) in this environment.</summary>
    public string? EnvironmentKey { get; init; }

    public bool? Enabled { get; init; }
    public FlagSort Sort { get; init; } = FlagSort.Key;
    public bool Descending { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 50;
}

public enum FlagSort
{
    Key,
    Name,
    CreatedAt,
    UpdatedAt,
}

/// <summary>One page of flags with the number of flags matching the query across all pages.</summary>
public sealed record FlagPage(ValueList<FlagDetails> Items, int TotalCount, int Offset, int Limit)
{
    public bool HasMore => Offset + Items.Count < TotalCount;
}
