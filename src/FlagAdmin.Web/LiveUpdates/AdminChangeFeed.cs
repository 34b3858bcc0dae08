using System.Collections.Concurrent;
using System.Threading.Channels;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Serving;

namespace FlagAdmin.Web.LiveUpdates;

/// <summary>
/// Turns the serving snapshots' changes (this process's writes and, through the store's change listener,
/// other processes' writes) into <see cref="AdminFlagChange"/>s for the open admin pages. It compares each
/// environment's new snapshot with the one it saw before to tell what changed there, so it must exist before
/// the snapshots are first loaded (<see cref="LiveUpdatesComposition.MapLiveUpdates"/> creates it).
/// </summary>
public sealed class AdminChangeFeed : IDisposable
{
    private const int SubscriberBacklog = 256;
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(2);

    private readonly FlagSnapshotStore _snapshots;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Project, string Environment), EnvironmentSnapshot> _seen = new();
    private readonly ConcurrentDictionary<Subscription, byte> _subscribers = new();
    private (string Note, DateTimeOffset At) _lastNote = ("", DateTimeOffset.MinValue);

    public AdminChangeFeed(FlagSnapshotStore snapshots, TimeProvider time)
    {
        _snapshots = snapshots;
        _time = time;
        _snapshots.Changed += OnChanged;
    }

    /// <summary>Changes to the flags of one project from now on, until the subscription is disposed. A reader that falls far behind loses the oldest.</summary>
    public Subscription Subscribe(string projectKey)
    {
        var subscription = new Subscription(this, projectKey);
        _subscribers[subscription] = 0;
        return subscription;
    }

    public void Dispose() => _snapshots.Changed -= OnChanged;

    // Called by the snapshot store, one change at a time, on the writer's thread: quick and never throwing.
    private void OnChanged(SnapshotChange change)
    {
        var key = (change.ProjectKey, change.EnvironmentKey);
        var next = _snapshots.Find(change.ProjectKey, change.EnvironmentKey);
        _seen.TryGetValue(key, out var previous);
        if (next is null)
        {
            _seen.TryRemove(key, out _);
        }
        else
        {
            _seen[key] = next;
        }
        if (_subscribers.IsEmpty)
        {
            return;
        }
        if (change.FlagKey is null)
        {
            Publish(new AdminFlagChange(change.ProjectKey, null, change.EnvironmentKey, change.Actor, null, DescribeProjectChange(change)));
            return;
        }
        var before = previous?.Find(change.FlagKey);
        var after = next?.Find(change.FlagKey);
        if (before is not null && after is not null && before.StateVersion == after.StateVersion && before.FlagVersion == after.FlagVersion)
        {
            return;
        }
        var note = Describe(change, previous is null ? null : before, after, known: previous is not null);
        Publish(new AdminFlagChange(change.ProjectKey, change.FlagKey, change.EnvironmentKey, change.Actor, after?.IsEnabled, note));
    }

    private void Publish(AdminFlagChange published)
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            if (subscriber.ProjectKey == published.Project)
            {
                subscriber.Writer.TryWrite(published);
            }
        }
    }

    // The project itself (settings, environments, their order) or many of its flags at once (an import): one event per
    // environment, one note for all of them. The process's own reloads (start-up, the change listener catching up) are no one's change.
    private string? DescribeProjectChange(SnapshotChange change) =>
        change.Actor is "start-up" or "change listener" ? null : Once($"{change.Actor} changed project {change.ProjectKey}");

    /// <summary>The note, or null when the same note went out moments ago (another environment's event of the same change).</summary>
    private string? Once(string note)
    {
        var now = _time.GetUtcNow();
        if (_lastNote.Note == note && now - _lastNote.At < RepeatWindow)
        {
            return null;
        }
        _lastNote = (note, now);
        return note;
    }

    private string? Describe(SnapshotChange change, CompiledFlag? before, CompiledFlag? after, bool known)
    {
        var (actor, flag, environment) = (change.Actor, change.FlagKey, change.EnvironmentKey);
        if (known && before is not null && after is not null && before.IsEnabled != after.IsEnabled)
        {
            return $"{actor} turned {flag} {(after.IsEnabled ? "on" : "off")} in {environment}";
        }
        if (known && before is not null && after is not null && before.StateVersion != after.StateVersion)
        {
            return $"{actor} changed {flag} in {environment}";
        }
        // Created, deleted or renamed: one event per environment, one note for all of them.
        return Once(!known ? $"{actor} changed {flag}"
            : before is null ? $"{actor} created {flag}"
            : after is null ? $"{actor} deleted {flag}"
            : $"{actor} changed {flag}");
    }

    /// <summary>One open page's share of the feed.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly AdminChangeFeed _feed;
        private readonly Channel<AdminFlagChange> _changes =
            Channel.CreateBounded<AdminFlagChange>(new BoundedChannelOptions(SubscriberBacklog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        internal Subscription(AdminChangeFeed feed, string projectKey)
        {
            _feed = feed;
            ProjectKey = projectKey;
        }

        public string ProjectKey { get; }

        public ChannelReader<AdminFlagChange> Changes => _changes.Reader;

        internal ChannelWriter<AdminFlagChange> Writer => _changes.Writer;

        public void Dispose()
        {
            _feed._subscribers.TryRemove(this, out _);
            _changes.Writer.TryComplete();
        }
    }
}
