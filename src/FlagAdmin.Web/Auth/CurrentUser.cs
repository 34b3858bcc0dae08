using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Components.Authorization;

namespace FlagAdmin.Web.Auth;

/// <summary>
/// The signed-in user of an interactive circuit as the store has them at the moment of a call: every change a circuit
/// sends takes its <see cref="ChangeContext"/> from here, so a role lowered or an account deactivated after the page
/// opened counts at once (FlagService, UserService and SdkKeyService then enforce the role as for any caller).
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, UserService users)
{
    public const string SignedOut = "You are signed out: your account was deactivated or its password was reset. Sign in again.";

    /// <summary>The context of one change with an optional reason; <see cref="ForbiddenException"/> when the user may no longer sign in.</summary>
    public async Task<ChangeContext> ChangeAsync(string? reason = null, CancellationToken cancellationToken = default)
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        var (verdict, user) = await CookieSignIn.CheckAsync(principal, users, cancellationToken);
        return verdict switch
        {
            SignInCheck.Valid or SignInCheck.Changed => new ChangeContext(user!.Email, reason, user.Role),
            // The write that follows fails with the store's own answer; the claims are the best account of who asked.
            SignInCheck.StoreUnavailable => principal.ToChangeContext(reason),
            _ => throw new ForbiddenException(SignedOut),
        };
    }
}
