using System.Security.Claims;

namespace FlagAdmin.Web.Api.Access;

/// <summary>Turns a token secret into the principal of its user (see <see cref="AccessTokenAuthentication"/>).</summary>
internal static class AccessTokenPrincipal
{
    // Personal access tokens are issued by UserService (issue 3); until it is wired in, no token authenticates.
    public static Task<ClaimsIdentity?> AuthenticateAsync(HttpContext http, string secret) => Task.FromResult<ClaimsIdentity?>(null);
}
