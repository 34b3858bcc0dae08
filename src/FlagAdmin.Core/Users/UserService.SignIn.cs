namespace FlagAdmin.Core.Users;

public sealed partial class UserService
{
    // Verified against when the email is unknown or the account locked, so those answers take about as long
    // as a wrong password and timing does not reveal which accounts exist. Made once, from a random password.
    private readonly Lazy<string> _dummyHash = new(() => hashing.Hash(Guid.NewGuid().ToString("N")));

    /// <summary>
    /// Checks an email and password. Refused (one message for every reason, see <see cref="SignInResult"/>) when
    /// the email is unknown, the password wrong, the account locked (<see cref="SignInLockout"/>) or deactivated.
    /// A wrong password counts towards the lockout; success clears the count and records the time.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string? email, string? password, CancellationToken cancellationToken = default)
    {
        var normalized = UserRules.NormalizeEmail(email ?? "");
        if (normalized.Length == 0 || string.IsNullOrEmpty(password) || password.Length > UserValidator.MaxPasswordLength)
        {
            return SignInResult.Refused;
        }
        var user = await users.FindUserByEmailAsync(normalized, cancellationToken);
        var now = time.GetUtcNow();
        if (user is null || SignInLockout.IsLocked(user, now))
        {
            hashing.Verify(_dummyHash.Value, password);
            return SignInResult.Refused;
        }
        if (!hashing.Verify(user.PasswordHash, password))
        {
            var failures = user.FailedSignIns + 1;
            var locks = failures >= SignInLockout.MaxFailures;
            await users.RecordSignInAsync(user.Id, locks ? 0 : failures, locks ? now + SignInLockout.Duration : null, user.LastSignInAt, cancellationToken);
            return SignInResult.Refused;
        }
        if (!user.IsActive)
        {
            return SignInResult.Refused;
        }
        await users.RecordSignInAsync(user.Id, 0, null, now, cancellationToken);
        return new SignInResult(user);
    }
}
