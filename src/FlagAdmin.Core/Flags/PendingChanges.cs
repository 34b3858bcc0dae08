namespace FlagAdmin.Core.Flags;

/// <summary>
/// What a transaction changed, noted instead of told (nothing is stored before the commit, so nothing could be
/// re-read): each flag and project once, with the last actor who changed it.
/// </summary>
internal sealed class PendingChanges : IFlagChangeNotifier
{
    public Dictionary<(string Project, string Flag), string> Flags { get; } = [];
    public Dictionary<string, string> Projects { get; } = new(StringComparer.Ordinal);

    public Task FlagChangedAsync(string projectKey, string flagKey, string actor, CancellationToken cancellationToken = default)
    {
        Flags[(projectKey, flagKey)] = actor;
        return Task.CompletedTask;
    }

    public Task ProjectChangedAsync(string projectKey, string actor, CancellationToken cancellationToken = default)
    {
        Projects[projectKey] = actor;
        return Task.CompletedTask;
    }
}
