namespace FlagAdmin.Core.Users;

/// <summary>
/// A request made with a personal access token: the user it acts for, the token, and the role it acts with
/// (the lower of the token's role and the user's current role).
/// </summary>
public sealed record AuthenticatedToken(User User, AccessToken Token, Role Role)
{
    /// <summary>How the audit trail names the channel, e.g. <c>token 'ci-deploy'</c>.</summary>
    public string Via => $"token '{Token.Name}'";
}
