using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Components.Pages.Users;

/// <summary>What each role may do, in the words the users pages show next to the choice (the rules are in <see cref="Permissions"/>).</summary>
public static class RoleDescriptions
{
    public static string Of(Role role) => role switch
    {
        Role.Viewer => "Reads projects, flags and the audit trail.",
        Role.Editor => "Also turns flags on and off and edits their name, description, tags and owner.",
        Role.Admin => "Does everything else: rollout, rules, flags, projects, environments, SDK keys, import and users.",
        _ => "",
    };
}
