using System.Globalization;
using FlagAdmin.Core.Common;

namespace FlagAdmin.Core.Tests.Common;

public sealed class PercentageTests
{
    [Theory]
    [InlineData("12.34", 1_234)]
    [InlineData("12.5", 1_250)]
    [InlineData("12.50", 1_250)]
    [InlineData("0", 0)]
    [InlineData("0.01", 1)]
    [InlineData(".5", 50)]
    [InlineData("100", 10_000)]
    [InlineData("100.00", 10_000)]
    [InlineData(" 7 % ", 700)]
    [InlineData("99.99%", 9_999)]
    [InlineData("-0", 0)]
    public void Typed_text_with_a_decimal_point_and_at_most_two_decimals_is_read(string text, int basisPoints)
    {
        Assert.True(Percentage.TryParse(text, out var value, out var problem));
        Assert.Equal(basisPoints, value.BasisPoints);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("100.01", "must be between 0 and 100 %")]
    [InlineData("-0.01", "must be between 0 and 100 %")]
    [InlineData("150", "must be between 0 and 100 %")]
    [InlineData("12.345", "must be given in steps of 0.01 % (at most two decimals)")]
    [InlineData("0.001", "must be given in steps of 0.01 % (at most two decimals)")]
    [InlineData("12,5", "must be written with a decimal point, such as 12.5 (not 12,5)")]
    [InlineData("lots", "must be a number from 0 to 100, such as 12.5 (not 'lots')")]
    [InlineData("", "must be a number from 0 to 100, such as 12.5")]
    [InlineData("  %", "must be a number from 0 to 100, such as 12.5")]
    [InlineData(null, "must be a number from 0 to 100, such as 12.5")]
    [InlineData("1e2", "must be a number from 0 to 100, such as 12.5 (not '1e2')")]
    [InlineData("1 000", "must be a number from 0 to 100, such as 12.5 (not '1 000')")]
    [InlineData("99999999999999999999999999999999", "must be a number from 0 to 100, such as 12.5 (not '99999999999999999999…')")]
    public void Anything_else_is_refused_saying_what_to_type(string? text, string problem)
    {
        Assert.False(Percentage.TryParse(text, out var value, out var said));
        Assert.Equal(problem, said);
        Assert.Equal(default, value);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("ar-SA")]
    public void Text_is_the_same_in_every_culture(string culture)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal("12.34", Percentage.FromBasisPoints(1_234).ToString());
            Assert.True(Percentage.TryParse("12.34", out var parsed, out _));
            Assert.Equal(1_234, parsed.BasisPoints);
            Assert.False(Percentage.TryParse("12,34", out _, out _));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData(0, "0", 0)]
    [InlineData(1, "0.01", 0.01)]
    [InlineData(1_234, "12.34", 12.34)]
    [InlineData(1_250, "12.5", 12.5)]
    [InlineData(10_000, "100", 100)]
    public void Basis_points_and_percent_text_and_decimals_round_trip(int basisPoints, string text, double percent)
    {
        var value = Percentage.FromBasisPoints(basisPoints);

        Assert.Equal(text, value.ToString());
        Assert.Equal((decimal)percent, value.Percent);
        Assert.True(Percentage.TryParse(value.ToString(), out var parsed, out _));
        Assert.True(Percentage.TryFromPercent(value.Percent, out var fromPercent, out _));
        Assert.Equal((value, value), (parsed, fromPercent));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void Basis_points_outside_0_to_10000_are_no_percentage(int basisPoints)
    {
        Assert.False(Percentage.IsValid(basisPoints));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentage.FromBasisPoints(basisPoints));
    }

    [Theory]
    [InlineData(100.001, "must be between 0 and 100 %")]
    [InlineData(-1, "must be between 0 and 100 %")]
    [InlineData(33.333, "must be given in steps of 0.01 % (at most two decimals)")]
    public void A_decimal_off_the_grid_is_refused(double percent, string problem)
    {
        Assert.False(Percentage.TryFromPercent((decimal)percent, out _, out var said));
        Assert.Equal(problem, said);
    }

    [Fact]
    public void Any_sum_of_basis_points_formats_as_percent_text()
    {
        Assert.Equal("123.45", Percentage.Format(12_345));
        Assert.Equal("-0.5", Percentage.Format(-50));
    }
}
