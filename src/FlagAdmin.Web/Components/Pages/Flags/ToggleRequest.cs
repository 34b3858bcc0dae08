using System.Globalization;

namespace FlagAdmin.Web.Components.Pages.Flags;

/// <summary>
/// What a flag switch posts as its value: <c>flag|environment|on-or-off|version</c>. The version is the
/// state's version when the list was rendered, so a change made meanwhile is a conflict, never overwritten.
/// </summary>
public sealed record ToggleRequest(string FlagKey, string EnvironmentKey, bool Enabled, uint ExpectedVersion)
{
    public static ToggleRequest? TryParse(string? value)
    {
        var parts = value?.Split('|');
        if (parts is not { Length: 4 } || parts[0].Length == 0 || parts[1].Length == 0 || parts[2] is not ("on" or "off")
            || !uint.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }
        return new ToggleRequest(parts[0], parts[1], parts[2] == "on", version);
    }

    public string TurnTo => Enabled ? "on" : "off";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FlagKey}|{EnvironmentKey}|{TurnTo}|{ExpectedVersion}");
}
