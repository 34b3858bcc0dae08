using FlagAdmin.Core.Common;
using FlagAdmin.Core.Projects;

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

    /// <summary>
    /// Flags whose last change (<see cref="FlagDetails.LastChange"/>: the flag or any of its states) is at or after
    /// this time; the page then carries <see cref="FlagPage.SyncedTo"/>.
    /// </summary>
    public DateTimeOffset? ModifiedSince { get; init; }

    /// <summary>
    /// Only flags after this position in <see cref="FlagSort.ModifiedAt"/> order (ascending): the next page of a list of
    /// changes. Unlike an offset it skips nothing when flags change while the list is paged (a changed flag moves to the end).
    /// </summary>
    public FlagPosition? After { get; init; }

    public FlagSort Sort { get; init; } = FlagSort.Key;
    public bool Descending { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 50;

    /// <summary>True when no filter but the archived mark applies, so every flag with the right mark matches.</summary>
    public bool FiltersOnlyArchived =>
        Owner is null && Tags.Count == 0 && Search is null && (EnvironmentKey is null || Enabled is null)
        && ModifiedSince is null && After is null;
}

/// <summary>A flag's place in <see cref="FlagSort.ModifiedAt"/> order: the time of its last change, then its key.</summary>
public sealed record FlagPosition(DateTimeOffset ModifiedAt, string Key)
{
    public static FlagPosition Of(FlagDetails details) => new(details.LastChange.At, details.Flag.Key);

    /// <summary>True when a flag last changed at <paramref name="modifiedAt"/> with key <paramref name="key"/> comes after this position.</summary>
    public bool IsBefore(DateTimeOffset modifiedAt, string key)
    {
        var order = modifiedAt.CompareTo(ModifiedAt);
        return order > 0 || (order == 0 && string.CompareOrdinal(key, Key) > 0);
    }
}

public enum FlagSort
{
    Key,
    Name,
    CreatedAt,
    UpdatedAt,

    /// <summary>The time of the last change to the flag or any of its states (<see cref="FlagDetails.LastChange"/>).</summary>
    ModifiedAt,
}

/// <summary>
/// One page of flags with the number of flags matching the query across all pages (with <see cref="FlagQuery.After"/>:
/// from that position on). <see cref="SyncedTo"/> is set when the query has <see cref="FlagQuery.ModifiedSince"/>.
/// </summary>
public sealed record FlagPage(ValueList<FlagDetails> Items, int TotalCount, int Offset, int Limit, DateTimeOffset? SyncedTo = null)
{
    public bool HasMore => Offset + Items.Count < TotalCount;
}

/// <summary>A page of flags with the project and its environments (in order), read together: all a flags list shows.</summary>
public sealed record FlagListInProject(Project Project, ValueList<ProjectEnvironment> Environments, FlagPage Page);
