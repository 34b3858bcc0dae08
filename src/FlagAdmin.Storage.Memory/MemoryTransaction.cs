using FlagAdmin.Storage.Memory.Journal;

namespace FlagAdmin.Storage.Memory;

/// <summary>The writes a transaction made, in order, kept until it commits; none is accepted once it ended.</summary>
internal sealed class MemoryTransaction
{
    private readonly List<(JournalRecord Record, MemoryAuditRecord Audit)> _writes = [];
    private bool _ended;

    public IReadOnlyList<(JournalRecord Record, MemoryAuditRecord Audit)> Writes => _writes;

    public void Stage(JournalRecord record, MemoryAuditRecord audit)
    {
        if (_ended)
        {
            throw new InvalidOperationException("This transaction has ended; write through the repository, or start another transaction.");
        }
        _writes.Add((record, audit));
    }

    public void End() => _ended = true;
}
