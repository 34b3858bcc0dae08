using System.Security.Claims;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Auth;

/// <summary>
/// The claims every FlagAdmin sign-in carries (cookie or access token): the user's id, email as the name, the
/// effective role, and for tokens the channel (<see cref="ViaClaim"/>).
/// </summary>
public static class FlagAdminClaims
{
    public const string ViaClaim = "flagadmin:via";

    public static ClaimsIdentity CreateIdentity(User user, Role role, string authenticationType, string? via = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.Email),
            new(ClaimTypes.Role, role.ToString()),
        };
        if (via is not null)
        {
            claims.Add(new Claim(ViaClaim, via));
        }
        return new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role);
    }

    /// <summary>The signed-in role, or null for an anonymous principal.</summary>
    public static Role? FlagAdminRole(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && Enum.TryParse<Role>(principal.FindFirstValue(ClaimTypes.Role), out var role)
            ? role
            : null;

    public static string? UserId(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The change context of a write made by this principal; every page and endpoint that writes uses it.</summary>
    public static ChangeContext ToChangeContext(this ClaimsPrincipal principal, string? reason = null)
    {
        var role = principal.FlagAdminRole()
            ?? throw new InvalidOperationException("Only a signed-in user can change anything; the endpoint must require authorization.");
        return new ChangeContext(principal.Identity!.Name!, reason, role, principal.FindFirstValue(ViaClaim));
    }
}
