using FlagAdmin.Core.Common;

namespace FlagAdmin.Core.Flags;

/// <summary>
/// Where a client listing changes (<see cref="FlagQuery.ModifiedSince"/>) picks up next time. A change carries the time its
/// write began (the writing process's clock), but is seen only once it is stored, which can be later: a long import
/// stores its first change minutes after stamping it. So the next list must start before every write still in progress
/// when this one was read, or such a change would fall between the two lists. The allowance covers clocks of processes
/// sharing a store that disagree a little, and the moment between a write taking its time and being seen as in progress.
/// </summary>
public static class SyncWatermark
{
    public static readonly TimeSpan ClockAllowance = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The watermark of a read that began at <paramref name="readAt"/> (before looking at anything) while the oldest write
    /// in progress began at <paramref name="oldestWriteInProgress"/> (null: none). Whole microseconds, as stored times.
    /// </summary>
    public static DateTimeOffset Of(DateTimeOffset readAt, DateTimeOffset? oldestWriteInProgress)
    {
        var from = oldestWriteInProgress is { } started && started < readAt ? started : readAt;
        return Clock.ToMicroseconds(from - ClockAllowance);
    }
}
