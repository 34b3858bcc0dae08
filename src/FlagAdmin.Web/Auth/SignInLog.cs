namespace FlagAdmin.Web.Auth;

/// <summary>
/// What sign-in tells the operator's logs: who signed in, and refusals by client address. Never the password,
/// and never the typed email of a refusal (people type passwords into the email field).
/// </summary>
internal static partial class SignInLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "User {UserId} signed in from {Address}.")]
    public static partial void SignedIn(ILogger logger, string userId, string? address);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "A sign-in from {Address} was refused (unknown email, wrong password, locked or deactivated account).")]
    public static partial void Refused(ILogger logger, string? address);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "The first admin {UserId} was created on the setup page from {Address}.")]
    public static partial void FirstAdminBySetup(ILogger logger, string userId, string? address);
}
