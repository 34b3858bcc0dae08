using System.Text.RegularExpressions;

namespace FlagAdmin.Core.Common;

/// <summary>The key rule shared by projects, environments and flags: a lowercase slug, fixed once created.</summary>
public static partial class Slug
{
    public const int MaxLength = 128;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? key) => key is not null && Pattern().IsMatch(key);

    /// <summary>A message a person can act on, or null when the key is fine.</summary>
    public static string? Problem(string? key, string what)
    {
        if (string.IsNullOrEmpty(key))
        {
            return $"{what} is required.";
        }
        if (key.Length > MaxLength)
        {
            return $"{what} may be at most {MaxLength} characters long.";
        }
        if (!IsValid(key))
        {
            return $"{what} '{key}' may only contain a-z, 0-9, '.', '_' and '-', and must start with a letter or digit.";
        }
        return null;
    }
}
