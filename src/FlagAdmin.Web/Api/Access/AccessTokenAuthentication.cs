using System.Security.Claims;
using System.Text.Encodings.Web;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Web.Api.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FlagAdmin.Web.Api.Access;

/// <summary>
/// <c>Authorization: Bearer fa_pat_…</c> for the admin API: the token's user with the token's effective role
/// (the lower of the token's and the user's current role), checked against the store on every request, so a
/// revoked or expired token, or a deactivated user, is refused at once. The principal's channel names the token
/// (<c>token:&lt;name&gt; (&lt;prefix&gt;)</c>), so audit entries say which token made a change. SDK keys are refused
/// here, as personal tokens are refused by the evaluation API. Failures answer 401 with problem details.
/// </summary>
public static class AccessTokenAuthentication
{
    /// <summary>The scheme the API's policy authenticates with; it forwards to <see cref="TokenScheme"/> (tests may forward elsewhere).</summary>
    public const string ApiScheme = "FlagAdmin.Api";
    public const string TokenScheme = "AccessToken";

    public static AuthenticationBuilder AddAccessTokens(this AuthenticationBuilder builder)
    {
        builder.AddPolicyScheme(ApiScheme, ApiScheme, options => options.ForwardDefault = TokenScheme);
        builder.AddScheme<AuthenticationSchemeOptions, Handler>(TokenScheme, _ => { });
        return builder;
    }

    private const string FailureItem = "FlagAdmin.Api.AuthenticationFailure";

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (string.IsNullOrWhiteSpace(header))
            {
                return Fail("Send a personal access token as 'Authorization: Bearer fa_pat_…'; create one under /account/tokens.");
            }
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return Fail("The admin API takes only 'Authorization: Bearer <personal access token>'.");
            }
            var secret = header["Bearer ".Length..].Trim();
            if (secret.StartsWith(SdkKeySecrets.SecretPrefix, StringComparison.Ordinal))
            {
                return Fail("That is an SDK key: it evaluates flags over OFREP and cannot use the admin API. Use a personal access token.");
            }
            var identity = await AccessTokenPrincipal.AuthenticateAsync(Context, secret);
            return identity is null
                ? Fail("The access token is unknown, revoked or expired, or its user is deactivated.")
                : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
        }

        protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            var failure = Context.Items[FailureItem] as string ?? "Authentication is required.";
            Response.Headers.WWWAuthenticate = Context.Items.ContainsKey(FailureItem) && Request.Headers.Authorization.Count > 0
                ? "Bearer error=\"invalid_token\""
                : "Bearer";
            await ApiProblems.Problem(StatusCodes.Status401Unauthorized, "A valid access token is required.", failure).ExecuteAsync(Context);
        }

        protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
            await ApiProblems.Problem(StatusCodes.Status403Forbidden, "Your role does not allow this.", "Your token's role does not allow this request.").ExecuteAsync(Context);

        private AuthenticateResult Fail(string message)
        {
            Context.Items[FailureItem] = message;
            return AuthenticateResult.Fail(message);
        }
    }
}
