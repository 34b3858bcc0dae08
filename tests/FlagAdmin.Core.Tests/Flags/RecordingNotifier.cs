using FlagAdmin.Core.Flags;

namespace FlagAdmin.Core.Tests.Flags;

/// <summary>Notes what FlagService tells the served flags, one line per notification.</summary>
internal sealed class RecordingNotifier : IFlagChangeNotifier
{
    public List<string> Told { get; } = [];

    public Task FlagChangedAsync(string projectKey, string flagKey, string actor, CancellationToken cancellationToken = default)
    {
        Told.Add($"flag {projectKey}/{flagKey} by {actor}");
        return Task.CompletedTask;
    }

    public Task ProjectChangedAsync(string projectKey, string actor, CancellationToken cancellationToken = default)
    {
        Told.Add($"project {projectKey} by {actor}");
        return Task.CompletedTask;
    }
}
