namespace FlagAdmin.Testing.Postgres;

/// <summary>
/// Advisory locks between processes on one machine (flock, which .NET takes when a file is opened: exclusive for
/// <see cref="FileShare.None"/>, shared otherwise). The kernel drops them when their process ends, however it ends.
/// </summary>
internal static class FileLock
{
    /// <summary>The open file holding the lock, or null when another process holds a conflicting one.</summary>
    public static FileStream? TryTake(string path, bool exclusive)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, exclusive ? FileShare.None : FileShare.ReadWrite);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Waits for an exclusive lock on <paramref name="path"/>.</summary>
    public static async Task<FileStream> TakeExclusiveAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (TryTake(path, exclusive: true) is { } taken)
            {
                return taken;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Another test process held {path} for more than {timeout.TotalMinutes:0} minutes.");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Whether no process holds any lock on <paramref name="path"/>.</summary>
    public static bool IsFree(string path)
    {
        using var probe = TryTake(path, exclusive: true);
        return probe is not null;
    }
}
