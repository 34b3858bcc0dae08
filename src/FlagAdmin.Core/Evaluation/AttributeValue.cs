using System.Globalization;

namespace FlagAdmin.Core.Evaluation;

public enum AttributeKind : byte
{
    /// <summary><c>default(AttributeValue)</c>: no value; matches nothing.</summary>
    None,
    String,
    Number,
    Boolean,
    DateTime,
    List,
}

/// <summary>
/// One context attribute: a string, a number (double), a boolean, a date-time or a list of strings.
/// A struct, so rules read attributes without boxing. A string that looks like an ISO-8601 date-time
/// (<c>2026-01-31</c>, <c>2026-01-31T12:00:00Z</c>) stays a string but also carries that instant,
/// found once when the value is made, for the before/after operators.
/// </summary>
public readonly struct AttributeValue : IEquatable<AttributeValue>
{
    private readonly object? _reference; // string (String) or string[] (List)
    private readonly long _scalar;       // double bits (Number), 0/1 (Boolean), UTC ticks (DateTime, date-time strings)
    private readonly AttributeKind _kind;
    private readonly bool _isDateTimeString;

    private AttributeValue(AttributeKind kind, object? reference, long scalar, bool isDateTimeString = false)
    {
        _kind = kind;
        _reference = reference;
        _scalar = scalar;
        _isDateTimeString = isDateTimeString;
    }

    public AttributeKind Kind => _kind;

    public static AttributeValue String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsoDateTime.TryParse(value, out var instant)
            ? new AttributeValue(AttributeKind.String, value, instant.UtcTicks, isDateTimeString: true)
            : new AttributeValue(AttributeKind.String, value, 0);
    }

    public static AttributeValue Number(double value) => new(AttributeKind.Number, null, BitConverter.DoubleToInt64Bits(value));

    public static AttributeValue Boolean(bool value) => new(AttributeKind.Boolean, null, value ? 1 : 0);

    public static AttributeValue DateTime(DateTimeOffset value) => new(AttributeKind.DateTime, null, value.UtcTicks);

    /// <summary>A list of strings; the items are copied, so the value cannot change later.</summary>
    public static AttributeValue List(params ReadOnlySpan<string> items)
    {
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }
        return new AttributeValue(AttributeKind.List, items.ToArray(), 0);
    }

    public static AttributeValue List(IEnumerable<string> items) => List([.. items]);

    internal static AttributeValue OwnedList(string[] items) => new(AttributeKind.List, items, 0);

    public static implicit operator AttributeValue(string value) => String(value);
    public static implicit operator AttributeValue(double value) => Number(value);
    public static implicit operator AttributeValue(bool value) => Boolean(value);
    public static implicit operator AttributeValue(DateTimeOffset value) => DateTime(value);

    public bool TryGetString(out string value)
    {
        value = _kind == AttributeKind.String ? (string)_reference! : "";
        return _kind == AttributeKind.String;
    }

    public bool TryGetNumber(out double value)
    {
        value = _kind == AttributeKind.Number ? BitConverter.Int64BitsToDouble(_scalar) : 0;
        return _kind == AttributeKind.Number;
    }

    public bool TryGetBoolean(out bool value)
    {
        value = _kind == AttributeKind.Boolean && _scalar != 0;
        return _kind == AttributeKind.Boolean;
    }

    /// <summary>The instant of a date-time value or of a string that is an ISO-8601 date-time, in UTC.</summary>
    public bool TryGetDateTime(out DateTimeOffset value)
    {
        var has = _kind == AttributeKind.DateTime || _isDateTimeString;
        value = has ? new DateTimeOffset(_scalar, TimeSpan.Zero) : default;
        return has;
    }

    /// <summary>The items of a list value; empty for any other kind.</summary>
    public ReadOnlySpan<string> ListItems => _kind == AttributeKind.List ? (string[])_reference! : [];

    internal string StringUnchecked => (string)_reference!;
    internal string[] ListUnchecked => (string[])_reference!;
    internal double NumberUnchecked => BitConverter.Int64BitsToDouble(_scalar);
    internal bool BooleanUnchecked => _scalar != 0;
    internal bool HasInstant => _kind == AttributeKind.DateTime || _isDateTimeString;
    internal long InstantTicksUnchecked => _scalar;

    public bool Equals(AttributeValue other) =>
        _kind == other._kind && _scalar == other._scalar && _isDateTimeString == other._isDateTimeString && _kind switch
        {
            AttributeKind.String => (string)_reference! == (string)other._reference!,
            AttributeKind.List => ((string[])_reference!).AsSpan().SequenceEqual((string[])other._reference!),
            _ => true,
        };

    public override bool Equals(object? obj) => obj is AttributeValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_kind, _scalar, _kind == AttributeKind.String ? _reference : null);

    public static bool operator ==(AttributeValue left, AttributeValue right) => left.Equals(right);
    public static bool operator !=(AttributeValue left, AttributeValue right) => !left.Equals(right);

    public override string ToString() => _kind switch
    {
        AttributeKind.String => (string)_reference!,
        AttributeKind.Number => NumberUnchecked.ToString("R", CultureInfo.InvariantCulture),
        AttributeKind.Boolean => BooleanUnchecked ? "true" : "false",
        AttributeKind.DateTime => new DateTimeOffset(_scalar, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture),
        AttributeKind.List => $"[{string.Join(", ", (string[])_reference!)}]",
        _ => "(none)",
    };
}

/// <summary>Recognises ISO-8601 date-times in context strings: a <c>yyyy-MM-dd</c> date, optionally followed by a time.</summary>
internal static class IsoDateTime
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        // Without this shape check DateTimeOffset.TryParse would read "1.2" or "12:00" as dates.
        if (text.Length < 10
            || !IsDigits(text[..4]) || text[4] != '-' || !IsDigits(text[5..7]) || text[7] != '-' || !IsDigits(text[8..10])
            || (text.Length > 10 && text[10] is not ('T' or 't' or ' ')))
        {
            return false;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}
