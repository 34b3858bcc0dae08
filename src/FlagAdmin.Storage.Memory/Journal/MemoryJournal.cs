using System.Text.Json;
using FlagAdmin.Core.Common;

namespace FlagAdmin.Storage.Memory.Journal;

/// <summary>
/// An append-only file of <see cref="JournalRecord"/>s, one JSON line each, flushed to disk before a
/// write is acknowledged. A crash mid-append leaves at most one incomplete last line, which reading
/// drops (and cuts off) because its write was never acknowledged.
/// </summary>
internal sealed class MemoryJournal : IDisposable
{
    private readonly FileStream _stream;
    private readonly FileStream _lock;
    private readonly bool _flushToDisk;

    private MemoryJournal(FileStream stream, FileStream lockFile, bool flushToDisk)
    {
        _stream = stream;
        _lock = lockFile;
        _flushToDisk = flushToDisk;
    }

    public string Path => _stream.Name;

    /// <summary>Opens (or creates) the journal and returns the records it holds, oldest first.</summary>
    public static MemoryJournal Open(string path, bool flushToDisk, out List<JournalRecord> records)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        // Unbuffered: a record the disk refused must not linger in a stream buffer, to be written by the
        // next append or on dispose although its write was reported as failed and never applied.
        // A second store appending to the same file would interleave records, so a lock file held with
        // FileShare.None (an exclusive lock on Unix too) keeps out other writers; readers of the data file are unaffected.
        var lockFile = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        FileStream? stream = null;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
            records = ReadAll(stream, path, out var validLength);
            stream.SetLength(validLength);
            stream.Seek(0, SeekOrigin.End);
            return new MemoryJournal(stream, lockFile, flushToDisk);
        }
        catch
        {
            stream?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    public void Append(JournalRecord record)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(record, FlagAdminJson.Options);
        var start = _stream.Position;
        try
        {
            _stream.Write(line);
            _stream.WriteByte((byte)'\n');
            _stream.Flush(_flushToDisk);
        }
        catch
        {
            // Leave no partial record behind for the next append to follow.
            _stream.SetLength(start);
            _stream.Seek(start, SeekOrigin.Begin);
            throw;
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _lock.Dispose();
    }

    /// <summary>Only sign-in bookkeeping goes unaudited; any other record without its entry is damage.</summary>
    private static bool IsComplete(JournalRecord record) =>
        record.Batch is { } batch ? batch.Count > 0 && batch.All(r => r.Batch is null && r.Audit is not null) : record.Audit is not null || record.SignIn is not null;

    private static List<JournalRecord> ReadAll(FileStream stream, string path, out long validLength)
    {
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var records = new List<JournalRecord>();
        var rest = bytes.AsSpan();
        validLength = 0;
        for (var lineNumber = 1; ; lineNumber++)
        {
            var end = rest.IndexOf((byte)'\n');
            if (end < 0)
            {
                // Nothing, or the unfinished last line of a crashed append: never acknowledged, so dropped.
                return records;
            }
            try
            {
                var record = JsonSerializer.Deserialize<JournalRecord>(rest[..end], FlagAdminJson.Options)
                    ?? throw new JsonException("empty record");
                records.Add(IsComplete(record) ? record : throw new JsonException("record without an audit entry"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"The data file {path} is damaged at line {lineNumber}: {e.Message}", e);
            }
            validLength += end + 1;
            rest = rest[(end + 1)..];
        }
    }
}
