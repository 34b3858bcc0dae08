using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Shared;

namespace FlagAdmin.Web.Components.Pages.Users;

/// <summary>What the conflict dialog compares when a user was changed by someone else: only the fields this change sets.</summary>
public static class UserConflictRows
{
    public static IReadOnlyList<ConflictRow> Of(User? theirs, UserUpdate yours)
    {
        var rows = new List<ConflictRow>();
        if (yours.Role is { } role)
        {
            rows.Add(new("Role", theirs?.Role.ToString() ?? "(deleted)", role.ToString()));
        }
        if (yours.IsActive is { } active)
        {
            rows.Add(new("Access", theirs is null ? "(deleted)" : Access(theirs.IsActive), Access(active)));
        }
        if (yours.NewPassword is not null)
        {
            rows.Add(new("Password", "unchanged by you", "reset"));
        }
        return rows;
    }

    private static string Access(bool active) => active ? "active" : "deactivated";
}
