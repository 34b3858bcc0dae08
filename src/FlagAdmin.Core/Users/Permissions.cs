using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Users;

/// <summary>
/// The one check every write makes before it reads anything for writing: the actor's role against the role
/// the change needs. A role outside the enum counts as none at all. Being the first step of every write, it also
/// refuses a reason no store can keep (<see cref="StoredText"/>).
/// </summary>
public static class Permissions
{
    /// <summary>True when <paramref name="role"/> may do what needs <paramref name="needed"/>.</summary>
    public static bool Allows(Role role, Role needed) => Enum.IsDefined(role) && role >= needed;

    /// <summary>
    /// Throws <see cref="ForbiddenException"/> unless the change's role is at least <paramref name="needed"/>;
    /// <paramref name="doing"/> names the change as a sentence's subject, e.g. "Changing the rollout".
    /// </summary>
    public static void Require(ChangeContext change, Role needed, string doing)
    {
        if (!Allows(change.Role, needed))
        {
            throw Forbidden(change.Role, needed, doing);
        }
        if (StoredText.Problem(change.Reason, "The reason") is { } problem)
        {
            throw new ValidationException("reason", problem);
        }
    }

    /// <summary>"Changing the rollout needs the Admin role; you are an Editor."</summary>
    public static ForbiddenException Forbidden(Role actual, Role needed, string doing) =>
        new($"{doing} needs the {needed} role; you are {Describe(actual)}.");

    /// <summary>"a Viewer", "an Editor", "an Admin".</summary>
    public static string Describe(Role role) => role switch
    {
        Role.Viewer => "a Viewer",
        Role.Editor => "an Editor",
        Role.Admin => "an Admin",
        _ => "not allowed to change anything",
    };
}
