using System.Globalization;

namespace FlagAdmin.Web.Components.Pages.SystemStatus;

/// <summary>A number of bytes as a person reads it: 512 B, 8.0 KiB, 1.5 MiB, 2.3 GiB.</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? $"{bytes.ToString(CultureInfo.InvariantCulture)} B"
            : $"{value.ToString("0.0", CultureInfo.InvariantCulture)} {Units[unit]}";
    }
}
