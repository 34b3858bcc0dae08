using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;

namespace FlagAdmin.Storage.Memory.Journal;

/// <summary>
/// One acknowledged write: the new values of everything it touched, and its audit entry.
/// Replaying the records in order rebuilds the store exactly, versions included.
/// </summary>
internal sealed record JournalRecord
{
    public Project? Project { get; init; }
    public ProjectEnvironment? Environment { get; init; }
    public Flag? Flag { get; init; }
    public ValueList<FlagState> States { get; init; }
    public string? DeletedFlagKey { get; init; }
    public SdkKey? SdkKey { get; init; }
    public required AuditEntry Audit { get; init; }
}
