using System.Security.Claims;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Auth;

namespace FlagAdmin.Web.Api.Access;

/// <summary>Turns a token secret into the principal of its user (see <see cref="AccessTokenAuthentication"/>).</summary>
internal static class AccessTokenPrincipal
{
    /// <summary>The identity, or null for an unknown, revoked or expired token or a deactivated user.</summary>
    public static async Task<ClaimsIdentity?> AuthenticateAsync(HttpContext http, string secret)
    {
        var users = http.RequestServices.GetRequiredService<UserService>();
        var authenticated = await users.AuthenticateTokenAsync(secret, http.RequestAborted);
        return authenticated is null
            ? null
            : FlagAdminClaims.CreateIdentity(authenticated.User, authenticated.Role, AccessTokenAuthentication.TokenScheme, ViaOf(authenticated.Token));
    }

    /// <summary>How audit entries name the token: <c>token:ci-deploy (fa_pat_Ab3d)</c>.</summary>
    public static string ViaOf(AccessToken token) => $"token:{token.Name} ({token.Prefix})";
}
