namespace FlagAdmin.Core.Errors;

/// <summary>
/// A write named a version that is no longer current. Carries what is stored now and who changed it,
/// so the caller can show the difference and let the user decide; nothing was written.
/// </summary>
public sealed class VersionConflictException(string what, string key, object? current, string? changedBy, DateTimeOffset? changedAt)
    : FlagAdminException(changedBy is null
        ? $"{what} '{key}' was changed or deleted by someone else since you loaded it."
        : $"{what} '{key}' was changed by {changedBy} at {changedAt:u} since you loaded it.")
{
    public string What { get; } = what;
    public string Key { get; } = key;

    /// <summary>The stored state now (a <c>Flag</c>, <c>FlagState</c>, <c>Project</c> or <c>ProjectEnvironment</c>), or null when it was deleted.</summary>
    public object? Current { get; } = current;
    public string? ChangedBy { get; } = changedBy;
    public DateTimeOffset? ChangedAt { get; } = changedAt;

    public static void ThrowIfStale(string what, string key, uint stored, uint expected, object current, string changedBy, DateTimeOffset changedAt)
    {
        if (stored != expected)
        {
            throw new VersionConflictException(what, key, current, changedBy, changedAt);
        }
    }
}
