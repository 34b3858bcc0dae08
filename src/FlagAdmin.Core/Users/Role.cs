namespace FlagAdmin.Core.Users;

/// <summary>
/// What a signed-in person (or a token acting for one) may do. Ordered: each role may do everything the one
/// below it may. Viewer reads; Editor also toggles flags and edits their name, description, tags and owner;
/// Admin does everything else (rollout, rules, variants, config, creating and removing flags, projects,
/// environments, SDK keys, users).
/// </summary>
public enum Role
{
    Viewer = 0,
    Editor = 1,
    Admin = 2,
}
