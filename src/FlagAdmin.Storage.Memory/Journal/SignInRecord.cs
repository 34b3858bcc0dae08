namespace FlagAdmin.Storage.Memory.Journal;

/// <summary>Sign-in bookkeeping of one user, journaled so lockouts survive a restart; never audited.</summary>
internal sealed record SignInRecord(string UserId, int FailedSignIns, DateTimeOffset? LockedUntil, DateTimeOffset? LastSignInAt);
