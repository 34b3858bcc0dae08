namespace FlagAdmin.Core.Users;

/// <summary>
/// After <see cref="MaxFailures"/> wrong passwords in a row an account is locked for <see cref="Duration"/>; a
/// successful sign-in (or an admin resetting the password) clears the count. While locked, even the right
/// password is refused, and the answer is the same as for a wrong password or an unknown email.
/// </summary>
public static class SignInLockout
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    public static bool IsLocked(User user, DateTimeOffset now) => user.LockedUntil is { } until && until > now;
}
