using FlagAdmin.Core.Audit;

namespace FlagAdmin.Storage.Memory;

/// <summary>
/// An audit entry whose before/after JSON is written on first read rather than inside the write lock.
/// The values it describes are immutable, so the JSON is the same whenever it is made.
/// </summary>
internal sealed class MemoryAuditRecord
{
    private readonly object? _before;
    private readonly object? _after;
    private AuditEntry? _entry;

    public MemoryAuditRecord(AuditEntry header, object? before, object? after)
    {
        Header = header;
        _before = before;
        _after = after;
    }

    private MemoryAuditRecord(AuditEntry complete)
    {
        Header = complete;
        _entry = complete;
    }

    public static MemoryAuditRecord FromComplete(AuditEntry entry) => new(entry);

    /// <summary>Everything but the before/after JSON: enough to filter on.</summary>
    public AuditEntry Header { get; }

    public AuditEntry Entry => _entry ??= Header with { Before = AuditRecords.ToJson(_before), After = AuditRecords.ToJson(_after) };
}
