using System.Collections;
using System.Diagnostics;

namespace FlagAdmin.Web.Tests.Observability;

/// <summary>Where the in-memory exporter puts finished spans; safe to read while the host is still exporting.</summary>
public sealed class ActivityLog : ICollection<Activity>
{
    private readonly List<Activity> _activities = [];

    public int Count
    {
        get { lock (_activities) { return _activities.Count; } }
    }

    public bool IsReadOnly => false;

    public void Add(Activity item)
    {
        lock (_activities)
        {
            _activities.Add(item);
        }
    }

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_activities)
        {
            return [.. _activities];
        }
    }

    public void Clear()
    {
        lock (_activities)
        {
            _activities.Clear();
        }
    }

    public bool Contains(Activity item) => Snapshot().Contains(item);

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_activities)
        {
            _activities.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_activities)
        {
            return _activities.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
