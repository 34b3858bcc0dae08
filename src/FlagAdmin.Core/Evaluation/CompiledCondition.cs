using System.Globalization;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Evaluation;

/// <summary>
/// A <see cref="Condition"/> with its values parsed once. Matching never throws and never allocates;
/// a missing attribute, a value of a kind the operator does not take, or a rule value that cannot be
/// read (which validation prevents) is no match — for the negated operators too.
/// </summary>
internal sealed class CompiledCondition
{
    private enum Truth : byte { No, Yes, NotComparable }

    private readonly string _attribute;
    private readonly ConditionOperator _operator;
    private readonly string _text;              // the (first) value: equals, contains, starts_with, ends_with
    private readonly HashSet<string>? _set;     // in, not_in, or equals with several values
    private readonly double[] _numbers;         // the values that read as numbers (equals, in and their negations)
    private readonly double _number;            // the one value of a numeric comparison; NaN when it is not a number
    private readonly bool _hasTrue;
    private readonly bool _hasFalse;
    private readonly SemanticVersion _version;
    private readonly bool _hasVersion;
    private readonly long _instantTicks;
    private readonly bool _hasInstant;

    public CompiledCondition(Condition condition)
    {
        _attribute = condition.Attribute;
        _operator = condition.Operator;
        var values = condition.Values;
        _text = values.Count > 0 ? values[0] : "";
        if (_operator is ConditionOperator.In or ConditionOperator.NotIn || values.Count > 1)
        {
            _set = new HashSet<string>(values, StringComparer.Ordinal);
        }

        var numbers = new List<double>(values.Count);
        foreach (var value in values)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                numbers.Add(number);
            }
            _hasTrue |= value == "true";
            _hasFalse |= value == "false";
        }
        _numbers = [.. numbers];
        // NaN never compares true, so a numeric comparison with an unreadable value never matches.
        _number = values.Count == 1 && numbers.Count == 1 ? numbers[0] : double.NaN;
        _hasVersion = SemanticVersion.TryParse(_text, out _version);
        // The same reading as TargetingValidator, so a rule that passed validation means what it said.
        if (DateTimeOffset.TryParse(_text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            (_hasInstant, _instantTicks) = (true, instant.UtcTicks);
        }
    }

    public bool Matches(in EvaluationContext context)
    {
        if (!context.TryGetAttribute(_attribute, out var value))
        {
            return false;
        }
        return _operator switch
        {
            ConditionOperator.Equals or ConditionOperator.In => IsAmong(value) == Truth.Yes,
            ConditionOperator.NotEquals or ConditionOperator.NotIn => IsAmong(value) == Truth.No,
            ConditionOperator.Contains or ConditionOperator.StartsWith or ConditionOperator.EndsWith => MatchesText(value),
            ConditionOperator.LessThan => value.Kind == AttributeKind.Number && value.NumberUnchecked < _number,
            ConditionOperator.LessThanOrEqual => value.Kind == AttributeKind.Number && value.NumberUnchecked <= _number,
            ConditionOperator.GreaterThan => value.Kind == AttributeKind.Number && value.NumberUnchecked > _number,
            ConditionOperator.GreaterThanOrEqual => value.Kind == AttributeKind.Number && value.NumberUnchecked >= _number,
            ConditionOperator.SemVerEquals => CompareVersion(value, out var order) && order == 0,
            ConditionOperator.SemVerLessThan => CompareVersion(value, out var order) && order < 0,
            ConditionOperator.SemVerGreaterThan => CompareVersion(value, out var order) && order > 0,
            ConditionOperator.Before => _hasInstant && value.HasInstant && value.InstantTicksUnchecked < _instantTicks,
            ConditionOperator.After => _hasInstant && value.HasInstant && value.InstantTicksUnchecked > _instantTicks,
            _ => false,
        };
    }

    /// <summary>Equality for equals/in: strings and list items ordinally, numbers numerically, booleans against "true"/"false".</summary>
    private Truth IsAmong(in AttributeValue value)
    {
        switch (value.Kind)
        {
            case AttributeKind.String:
                return HasText(value.StringUnchecked) ? Truth.Yes : Truth.No;
            case AttributeKind.List:
                foreach (var item in value.ListUnchecked)
                {
                    if (HasText(item))
                    {
                        return Truth.Yes;
                    }
                }
                return Truth.No;
            case AttributeKind.Number:
                if (_numbers.Length == 0)
                {
                    return Truth.NotComparable;
                }
                var number = value.NumberUnchecked;
                foreach (var candidate in _numbers)
                {
                    if (candidate == number)
                    {
                        return Truth.Yes;
                    }
                }
                return Truth.No;
            case AttributeKind.Boolean:
                if (!_hasTrue && !_hasFalse)
                {
                    return Truth.NotComparable;
                }
                return (value.BooleanUnchecked ? _hasTrue : _hasFalse) ? Truth.Yes : Truth.No;
            default:
                return Truth.NotComparable;
        }
    }

    private bool HasText(string text) => _set?.Contains(text) ?? string.Equals(text, _text, StringComparison.Ordinal);

    private bool MatchesText(in AttributeValue value)
    {
        if (value.Kind == AttributeKind.String)
        {
            return MatchesText(value.StringUnchecked);
        }
        if (value.Kind == AttributeKind.List)
        {
            foreach (var item in value.ListUnchecked)
            {
                if (MatchesText(item))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private bool MatchesText(string text) => _operator switch
    {
        ConditionOperator.Contains => text.Contains(_text, StringComparison.Ordinal),
        ConditionOperator.StartsWith => text.StartsWith(_text, StringComparison.Ordinal),
        _ => text.EndsWith(_text, StringComparison.Ordinal),
    };

    private bool CompareVersion(in AttributeValue value, out int order)
    {
        order = 0;
        return _hasVersion && value.Kind == AttributeKind.String && SemVerText.TryCompare(value.StringUnchecked, _version, out order);
    }
}
