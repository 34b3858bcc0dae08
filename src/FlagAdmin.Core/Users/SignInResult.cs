namespace FlagAdmin.Core.Users;

/// <summary>
/// The outcome of a sign-in attempt. A refusal carries one message whatever the reason (unknown email, wrong
/// password, locked or deactivated account), so the answer tells an attacker nothing about which accounts exist.
/// </summary>
public sealed record SignInResult(User? User)
{
    public const string RefusedMessage =
        "The email or password is not right, or the account is locked for a while after too many failed attempts.";

    public bool Succeeded => User is not null;

    public static SignInResult Refused { get; } = new((User?)null);
}
