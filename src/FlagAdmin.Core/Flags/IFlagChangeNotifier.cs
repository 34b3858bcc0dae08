namespace FlagAdmin.Core.Flags;

/// <summary>
/// Told by <see cref="FlagService"/> after every successful write, before the write call returns, so
/// whatever serves flags from memory is up to date when the caller hears "saved". Also called by a
/// store's change listener for changes other processes made. Implementations read the current state
/// themselves; a notification carries only what changed, never the new values.
/// </summary>
public interface IFlagChangeNotifier
{
    /// <summary>The flag (its metadata or its state in some environment) changed, or it was created or deleted.</summary>
    Task FlagChangedAsync(string projectKey, string flagKey, string actor, CancellationToken cancellationToken = default);

    /// <summary>The project or its environments changed (created, renamed, reordered, added).</summary>
    Task ProjectChangedAsync(string projectKey, string actor, CancellationToken cancellationToken = default);
}
