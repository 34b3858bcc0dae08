using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;

namespace FlagAdmin.Core.Users;

public sealed partial class UserService
{
    /// <summary>
    /// The account history: audit entries of users and access tokens (filed under <see cref="UserAudit.ProjectKey"/>),
    /// newest first, filtered like a project's trail. Only Admins read it, since it concerns other people's accounts;
    /// the query's project key is ignored.
    /// </summary>
    public Task<AuditPage> HistoryAsync(AuditQuery query, ChangeContext viewer, CancellationToken cancellationToken = default)
    {
        Permissions.Require(viewer, Role.Admin, "Reading the account history");
        query = query with { ProjectKey = UserAudit.ProjectKey };
        query.ThrowIfInvalid();
        return auditLog.QueryAsync(query, cancellationToken);
    }
}
