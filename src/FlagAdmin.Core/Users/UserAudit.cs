using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;

namespace FlagAdmin.Core.Users;

/// <summary>
/// How both stores audit users and tokens, so they record identical entries. Users belong to no project: their
/// entries are filed under <see cref="ProjectKey"/>, which no project can have (project keys start with a letter
/// or digit), and are read like a project's: <c>QueryAsync(new AuditQuery { ProjectKey = UserAudit.ProjectKey })</c>.
/// </summary>
public static class UserAudit
{
    public const string ProjectKey = "_users";

    /// <summary>
    /// The before/after form of a user: what a person changes, without the password hash and without the
    /// sign-in bookkeeping (which is not audited, so would only show up as unexplained differences).
    /// </summary>
    public static AuditedUser View(User user) => new(
        user.Id, user.Email, user.DisplayName, user.Role, user.IsActive,
        user.CreatedBy, user.CreatedAt, user.UpdatedBy, user.UpdatedAt);

    /// <summary>The header of a user or token entry (no environment, no flag); the store adds before/after.</summary>
    public static AuditEntry Describe(AuditAction action, ChangeContext change, DateTimeOffset at) =>
        AuditRecords.Describe(action, change, at, ProjectKey, null, null);
}

/// <summary>A user as the audit trail shows it.</summary>
public sealed record AuditedUser(
    string Id, string Email, string DisplayName, Role Role, bool IsActive,
    string CreatedBy, DateTimeOffset CreatedAt, string UpdatedBy, DateTimeOffset UpdatedAt);
