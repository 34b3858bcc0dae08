using FlagAdmin.Core.Common;

namespace FlagAdmin.Core.Targeting;

/// <summary>
/// Matches when every condition matches (no conditions: always). Serves either one <see cref="Variant"/>
/// or a percentage <see cref="Split"/> of targeting keys, never both.
/// </summary>
public sealed record TargetingRule
{
    public string? Name { get; init; }
    public ValueList<Condition> Conditions { get; init; }
    public string? Variant { get; init; }
    public ValueList<SplitShare> Split { get; init; }
}

/// <summary>A test of one context attribute. A missing attribute or a value of the wrong type never matches.</summary>
public sealed record Condition(string Attribute, ConditionOperator Operator, ValueList<string> Values);

/// <summary>Part of a split: <see cref="Weight"/> basis points of targeting keys get <see cref="Variant"/>; weights add up to 10000.</summary>
public sealed record SplitShare(string Variant, int Weight);

public enum ConditionOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Contains,
    StartsWith,
    EndsWith,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    SemVerEquals,
    SemVerLessThan,
    SemVerGreaterThan,
    Before,
    After,
}
