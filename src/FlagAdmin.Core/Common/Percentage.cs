using System.Globalization;

namespace FlagAdmin.Core.Common;

/// <summary>
/// A share from 0 to 100 % in steps of 0.01 %, held as basis points (0 to 10,000: the evaluator's buckets). Its text is
/// the same in every culture: a point for decimals, at most two of them, no trailing zeros ("12.34", "12.5", "100").
/// </summary>
public readonly record struct Percentage
{
    public const int MaxBasisPoints = 10_000;

    private Percentage(int basisPoints) => BasisPoints = basisPoints;

    public int BasisPoints { get; }

    /// <summary>The share in percent: 12.34 for 1234 basis points.</summary>
    public decimal Percent => BasisPoints / 100m;

    public static bool IsValid(int basisPoints) => basisPoints is >= 0 and <= MaxBasisPoints;

    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 10,000.</exception>
    public static Percentage FromBasisPoints(int basisPoints) => IsValid(basisPoints)
        ? new(basisPoints)
        : throw new ArgumentOutOfRangeException(nameof(basisPoints), basisPoints, $"A percentage is 0 to {MaxBasisPoints} basis points.");

    /// <summary>
    /// A percentage given in percent (12.34), or false with <paramref name="problem"/>: what is wrong, as the end of a
    /// sentence that starts with what the value is ("The rollout" + " must be between 0 and 100 %.").
    /// </summary>
    public static bool TryFromPercent(decimal percent, out Percentage value, out string? problem)
    {
        problem = percent is < 0 or > 100 ? "must be between 0 and 100 %"
            : decimal.Round(percent, 2) != percent ? "must be given in steps of 0.01 % (at most two decimals)"
            : null;
        value = problem is null ? new((int)(percent * 100)) : default;
        return problem is null;
    }

    /// <summary>
    /// Reads what a person typed: a number from 0 to 100 with a decimal point and at most two decimals, optionally
    /// followed by "%"; surrounding spaces are ignored. False with <paramref name="problem"/> (as in
    /// <see cref="TryFromPercent"/>) for anything else, a decimal comma included.
    /// </summary>
    public static bool TryParse(string? text, out Percentage value, out string? problem)
    {
        var trimmed = (text ?? "").Trim();
        trimmed = trimmed.EndsWith('%') ? trimmed[..^1].TrimEnd() : trimmed;
        if (decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent))
        {
            return TryFromPercent(percent, out value, out problem);
        }
        value = default;
        problem = trimmed.Contains(',', StringComparison.Ordinal) && decimal.TryParse(trimmed.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            ? $"must be written with a decimal point, such as {trimmed.Replace(',', '.')} (not {trimmed})"
            : trimmed.Length == 0 ? "must be a number from 0 to 100, such as 12.5"
            : $"must be a number from 0 to 100, such as 12.5 (not '{Shorten(trimmed)}')";
        return false;
    }

    /// <summary>Any number of basis points as percent text, e.g. a sum of shares past 100: 12345 → "123.45".</summary>
    public static string Format(long basisPoints) => (basisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"12.34" for 1234 basis points, "12.5" for 1250, "100" for 10,000.</summary>
    public override string ToString() => Format(BasisPoints);

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
