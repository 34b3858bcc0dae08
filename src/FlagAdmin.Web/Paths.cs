namespace FlagAdmin.Web;

/// <summary>
/// Every page address the admin app links to or redirects to, in one place; segments are escaped here, never by
/// callers.
/// </summary>
public static class Paths
{
    public const string Home = "/";
    public const string SignInPage = "/signin";
    public const string SignOut = "/signout";
    public const string Setup = "/setup";
    public const string Projects = "/projects";
    public const string Users = "/users";
    public const string SystemPage = "/system";
    public const string AccountHistory = "/users/history";
    public const string AccessTokens = "/account/tokens";
    public const string ChangePassword = "/account/password";

    /// <summary>The sign-in page, coming back to <paramref name="returnUrl"/> (a local path) afterwards.</summary>
    public static string SignIn(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) || returnUrl == Home ? SignInPage : $"{SignInPage}?returnUrl={Escape(returnUrl)}";

    public static string Project(string project) => $"/projects/{Escape(project)}";

    public static string Flags(string project) => $"{Project(project)}/flags";

    public static string NewFlag(string project) => $"{Project(project)}/flags/new";

    public static string Flag(string project, string flag) => $"{Project(project)}/flags/{Escape(flag)}";

    /// <summary>The project's audit trail, or only one flag's entries.</summary>
    public static string Audit(string project, string? flag = null) =>
        flag is null ? $"{Project(project)}/audit" : $"{Project(project)}/audit?flag={Escape(flag)}";

    public static string Settings(string project) => $"{Project(project)}/settings";

    public static string SdkKeys(string project) => $"{Project(project)}/sdk-keys";

    public static string Transfer(string project) => $"{Project(project)}/transfer";

    public static string Export(string project) => $"{Project(project)}/transfer/export";

    public static string User(string id) => $"{Users}/{Escape(id)}";

    public static string Error(int status) => $"/error/{status}";

    /// <summary>The project key of an address under /projects/{key}/..., or null.</summary>
    public static string? ProjectOf(string uri)
    {
        var path = Uri.TryCreate(uri, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : uri.Split('?', '#')[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["projects", var key, ..] ? Uri.UnescapeDataString(key) : null;
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
