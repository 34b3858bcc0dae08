namespace FlagAdmin.Web.Auth;

/// <summary>Where to go after signing in: only a path on this site, never another host (no open redirect).</summary>
public static class LocalReturnUrl
{
    public static string OrHome(string? returnUrl) => IsLocal(returnUrl) ? returnUrl! : "/";

    /// <summary>
    /// True for "/path?query" only: not "//host" or "/\host" (browsers treat both as another host), not an
    /// absolute URL, no control characters or backslashes anywhere.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || c == '\\');
}
