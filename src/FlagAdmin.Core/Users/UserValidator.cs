using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Users;

/// <summary>What makes an email, a display name and a password acceptable; each problem is a sentence a person can act on.</summary>
public static class UserValidator
{
    public const int MinPasswordLength = 12;

    // PBKDF2 hashes whatever it is given; a cap keeps a pasted novel from costing the server anything.
    public const int MaxPasswordLength = 256;
    public const int MaxEmailLength = 254;
    public const int MaxDisplayNameLength = 200;

    public static string? EmailProblem(string email)
    {
        if (email.Length == 0)
        {
            return "Email is required.";
        }
        if (email.Length > MaxEmailLength)
        {
            return $"Email may be at most {MaxEmailLength} characters long.";
        }
        var at = email.IndexOf('@');
        var wellFormed = at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1
            && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
        return wellFormed ? null : $"'{email}' is not an email address; use the form name@example.com.";
    }

    public static string? DisplayNameProblem(string displayName) =>
        displayName.Length > MaxDisplayNameLength ? $"Display name may be at most {MaxDisplayNameLength} characters long."
        : StoredText.NameProblem(displayName, "Display name");

    public static string? PasswordProblem(string? password, string email) =>
        string.IsNullOrEmpty(password) ? "Password is required."
        : password.Length < MinPasswordLength ? $"Password must be at least {MinPasswordLength} characters long; a phrase of a few words is easy to remember."
        : password.Length > MaxPasswordLength ? $"Password may be at most {MaxPasswordLength} characters long."
        : string.IsNullOrWhiteSpace(password) ? "Password may not be only spaces."
        : string.Equals(password.Trim(), email, StringComparison.OrdinalIgnoreCase) ? "Password may not be the email address."
        : null;

    /// <summary>The display name to keep: the one given, or the part of the email before '@'.</summary>
    public static string DisplayNameOrDefault(string? displayName, string email)
    {
        var trimmed = displayName?.Trim() ?? "";
        return trimmed.Length > 0 ? trimmed : email.Split('@')[0];
    }

    public static void Validate(NewUser user, string email, string displayName)
    {
        var errors = new ValidationErrors();
        errors.Add("email", EmailProblem(email));
        errors.Add("displayName", DisplayNameProblem(displayName));
        errors.Add("role", Enum.IsDefined(user.Role) ? null : "Choose Viewer, Editor or Admin.");
        errors.Add("password", PasswordProblem(user.Password, email));
        errors.ThrowIfAny();
    }
}
