using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Storage.Memory.Journal;

/// <summary>
/// One acknowledged write: the new values of everything it touched, and its audit entry (none only for
/// sign-in bookkeeping, which is not audited).
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
    public User? User { get; init; }
    public AccessToken? AccessToken { get; init; }
    public SignInRecord? SignIn { get; init; }
    public AuditEntry? Audit { get; init; }

    /// <summary>
    /// The writes of one transaction, stored as one line so that they are replayed all together or (a torn last
    /// line) not at all; a batch record holds nothing else.
    /// </summary>
    public IReadOnlyList<JournalRecord>? Batch { get; init; }

    /// <summary>True for a record of the user store: a user, a token or sign-in bookkeeping.</summary>
    public bool IsAboutUsers => User is not null || AccessToken is not null || SignIn is not null;
}
