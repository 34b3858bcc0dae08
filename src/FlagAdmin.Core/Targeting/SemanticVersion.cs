using System.Globalization;

namespace FlagAdmin.Core.Targeting;

/// <summary>A semantic version (major.minor.patch[-prerelease][+build]) compared by the SemVer 2.0.0 precedence rules.</summary>
public readonly record struct SemanticVersion(long Major, long Minor, long Patch, string PreRelease) : IComparable<SemanticVersion>
{
    public static bool TryParse(ReadOnlySpan<char> text, out SemanticVersion version)
    {
        version = default;
        text = text.Trim();
        if (text.Length > 0 && (text[0] == 'v' || text[0] == 'V'))
        {
            text = text[1..];
        }
        var plus = text.IndexOf('+');
        if (plus >= 0)
        {
            text = text[..plus];
        }
        var preRelease = "";
        var dash = text.IndexOf('-');
        if (dash >= 0)
        {
            preRelease = text[(dash + 1)..].ToString();
            if (preRelease.Length == 0)
            {
                return false;
            }
            text = text[..dash];
        }
        Span<Range> parts = stackalloc Range[4];
        if (text.Split(parts, '.') != 3)
        {
            return false;
        }
        if (!TryNumber(text[parts[0]], out var major) || !TryNumber(text[parts[1]], out var minor) || !TryNumber(text[parts[2]], out var patch))
        {
            return false;
        }
        version = new SemanticVersion(major, minor, patch, preRelease);
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return text.Length > 0 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public int CompareTo(SemanticVersion other)
    {
        var byNumbers = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (byNumbers != 0)
        {
            return byNumbers;
        }
        // A version without a pre-release outranks one with it (1.0.0 > 1.0.0-beta).
        if (PreRelease.Length == 0 || other.PreRelease.Length == 0)
        {
            return other.PreRelease.Length.CompareTo(PreRelease.Length) switch { 0 => 0, var c => Math.Sign(c) };
        }
        return ComparePreRelease(PreRelease, other.PreRelease);
    }

    private static int ComparePreRelease(string left, string right)
    {
        var a = left.Split('.');
        var b = right.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var aNumeric = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var aNumber);
            var bNumeric = long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var bNumber);
            var order = (aNumeric, bNumeric) switch
            {
                (true, true) => aNumber.CompareTo(bNumber),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (order != 0)
            {
                return Math.Sign(order);
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    public static bool operator <(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) < 0;
    public static bool operator >(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) > 0;
    public static bool operator <=(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) <= 0;
    public static bool operator >=(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) >= 0;
}
