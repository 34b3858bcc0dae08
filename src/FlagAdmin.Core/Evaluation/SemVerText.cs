using System.Globalization;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Evaluation;

/// <summary>
/// Compares a version written in a context attribute with a rule's <see cref="SemanticVersion"/> without
/// allocating: the same grammar as <see cref="SemanticVersion.TryParse"/> and the same precedence as
/// <see cref="SemanticVersion.CompareTo"/>, read straight from the span.
/// </summary>
internal static class SemVerText
{
    public static bool TryCompare(ReadOnlySpan<char> text, in SemanticVersion other, out int order)
    {
        order = 0;
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
        var preRelease = ReadOnlySpan<char>.Empty;
        var dash = text.IndexOf('-');
        if (dash >= 0)
        {
            preRelease = text[(dash + 1)..];
            if (preRelease.Length == 0)
            {
                return false;
            }
            text = text[..dash];
        }

        if (!TryNextNumber(ref text, out var major) || !TryNextNumber(ref text, out var minor) || !TryNextNumber(ref text, out var patch)
            || text.Length != 0)
        {
            return false;
        }

        order = major != other.Major ? major.CompareTo(other.Major)
            : minor != other.Minor ? minor.CompareTo(other.Minor)
            : patch != other.Patch ? patch.CompareTo(other.Patch)
            : ComparePreRelease(preRelease, other.PreRelease);
        order = Math.Sign(order);
        return true;
    }

    // Reads "digits" followed by '.' (consumed) or the end; a third number must end the text.
    private static bool TryNextNumber(ref ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        var dot = text.IndexOf('.');
        var part = dot < 0 ? text : text[..dot];
        if (part.Length == 0 || !IsAsciiDigits(part)
            || !long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }
        text = dot < 0 ? [] : text[(dot + 1)..];
        return dot < 0 || text.Length > 0;
    }

    // Deliberately not MemoryExtensions.ContainsAnyExceptInRange('0', '9'): the precompiled (ReadyToRun) code of
    // that generic method in System.Private.CoreLib boxes its char arguments, four System.Char boxes (96 bytes)
    // a call, three calls a version. Only optimized JIT code (tier 1, or an optimized caller inlining it) folds the
    // boxes away, so it allocated until tiering replaced it, and for good under DOTNET_TieredCompilation=0 when
    // called from unoptimized (Debug) code.
    // char.IsAsciiDigit is not generic: this loop allocates nothing at any JIT tier.
    private static bool IsAsciiDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static int ComparePreRelease(ReadOnlySpan<char> left, string right)
    {
        // A version without a pre-release outranks one with it (1.0.0 > 1.0.0-beta).
        if (left.Length == 0 || right.Length == 0)
        {
            return right.Length.CompareTo(left.Length);
        }
        var rightSpan = right.AsSpan();
        while (true)
        {
            var a = NextIdentifier(ref left, out var leftMore);
            var b = NextIdentifier(ref rightSpan, out var rightMore);
            var aNumeric = long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var aNumber);
            var bNumeric = long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var bNumber);
            var order = (aNumeric, bNumeric) switch
            {
                (true, true) => aNumber.CompareTo(bNumber),
                (true, false) => -1,
                (false, true) => 1,
                _ => a.SequenceCompareTo(b),
            };
            if (order != 0)
            {
                return order;
            }
            if (!leftMore || !rightMore)
            {
                // More identifiers rank higher when all before are equal.
                return leftMore.CompareTo(rightMore);
            }
        }
    }

    private static ReadOnlySpan<char> NextIdentifier(ref ReadOnlySpan<char> text, out bool more)
    {
        var dot = text.IndexOf('.');
        more = dot >= 0;
        var identifier = more ? text[..dot] : text;
        text = more ? text[(dot + 1)..] : [];
        return identifier;
    }
}
