using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Authorization;

namespace FlagAdmin.Web.Auth;

/// <summary>
/// Authorization policy names, one per role, each admitting that role and every role above it. FlagService
/// enforces the same rules for every write; the policies keep pages and endpoints from being reached at all.
/// </summary>
public static class Policies
{
    public const string Viewer = nameof(Viewer);
    public const string Editor = nameof(Editor);
    public const string Admin = nameof(Admin);

    public static void AddRolePolicies(this AuthorizationOptions options)
    {
        options.AddPolicy(Viewer, policy => policy.RequireAuthenticatedUser().RequireRole(RolesFrom(Role.Viewer)));
        options.AddPolicy(Editor, policy => policy.RequireAuthenticatedUser().RequireRole(RolesFrom(Role.Editor)));
        options.AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(RolesFrom(Role.Admin)));
    }

    private static string[] RolesFrom(Role lowest) =>
        Enum.GetValues<Role>().Where(role => role >= lowest).Select(role => role.ToString()).ToArray();
}
