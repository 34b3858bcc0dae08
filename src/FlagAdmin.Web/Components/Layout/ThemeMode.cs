namespace FlagAdmin.Web.Components.Layout;

/// <summary>Light, dark, or whatever the operating system prefers; remembered in a cookie so the server paints the right one.</summary>
public enum ThemeMode
{
    System,
    Light,
    Dark,
}

/// <summary>
/// The theme cookie: the chosen mode and, for <see cref="ThemeMode.System"/>, what the browser last reported
/// (e.g. <c>system-dark</c>), so a page rendered on the server matches before the browser is asked again.
/// </summary>
public readonly record struct ThemePreference(ThemeMode Mode, bool SystemIsDark)
{
    public const string CookieName = "FlagAdmin.Theme";

    public bool IsDark => Mode == ThemeMode.Dark || (Mode == ThemeMode.System && SystemIsDark);

    public static ThemePreference Parse(string? cookie) => cookie switch
    {
        "light" => new(ThemeMode.Light, false),
        "dark" => new(ThemeMode.Dark, false),
        "system-dark" => new(ThemeMode.System, true),
        _ => new(ThemeMode.System, false),
    };

    public override string ToString() => Mode switch
    {
        ThemeMode.Light => "light",
        ThemeMode.Dark => "dark",
        _ => SystemIsDark ? "system-dark" : "system",
    };
}
