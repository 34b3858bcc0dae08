using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Audit;

/// <summary>
/// What the account history shows for one address: the filters as typed (actor, action, from, to; the project
/// trail's flag and environment do not apply), their problems, and one page of entries in words.
/// </summary>
public sealed record AccountHistoryView(
    AuditFilter Filter,
    IReadOnlyList<AccountHistoryEntry>? Entries,
    long? NextBeforeId,
    IReadOnlyDictionary<string, string> Problems)
{
    public const int PageSize = 50;

    /// <summary>Reads one page as <paramref name="viewer"/> (an Admin, or <see cref="ForbiddenException"/>); bad filters are problems, not errors.</summary>
    public static async Task<AccountHistoryView> LoadAsync(UserService users, ChangeContext viewer, AuditFilter filter, CancellationToken cancellationToken)
    {
        filter = filter with { Flag = null, Environment = null };
        var (query, problems) = filter.ToQuery(UserAudit.ProjectKey, PageSize);
        if (query is null)
        {
            // Still asks, so a non-Admin meets the same refusal whatever they typed.
            await users.HistoryAsync(new() { ProjectKey = UserAudit.ProjectKey, Limit = 1 }, viewer, cancellationToken);
            return new AccountHistoryView(filter, null, null, problems);
        }
        try
        {
            var page = await users.HistoryAsync(query, viewer, cancellationToken);
            var people = (await users.ListUsersAsync(viewer, cancellationToken)).ToDictionary(u => u.Id, StringComparer.Ordinal);
            return new AccountHistoryView(filter, page.Items.Select(e => AccountHistoryEntry.From(e, people)).ToList(), page.NextBeforeId, problems);
        }
        catch (ValidationException e)
        {
            return new AccountHistoryView(filter, null, null, e.Errors.ToDictionary(p => p.Key, p => string.Join(" ", p.Value)));
        }
    }
}
