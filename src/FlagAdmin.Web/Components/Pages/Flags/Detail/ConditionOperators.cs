using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>The words the rules editor shows for the domain's condition operators, in the order it lists them.</summary>
public static class ConditionOperators
{
    public static readonly IReadOnlyList<(ConditionOperator Operator, string Label)> All =
    [
        (ConditionOperator.Equals, "equals"),
        (ConditionOperator.NotEquals, "does not equal"),
        (ConditionOperator.In, "is one of"),
        (ConditionOperator.NotIn, "is not one of"),
        (ConditionOperator.Contains, "contains"),
        (ConditionOperator.StartsWith, "starts with"),
        (ConditionOperator.EndsWith, "ends with"),
        (ConditionOperator.LessThan, "<"),
        (ConditionOperator.LessThanOrEqual, "≤"),
        (ConditionOperator.GreaterThan, ">"),
        (ConditionOperator.GreaterThanOrEqual, "≥"),
        (ConditionOperator.SemVerEquals, "version ="),
        (ConditionOperator.SemVerLessThan, "version <"),
        (ConditionOperator.SemVerGreaterThan, "version >"),
        (ConditionOperator.Before, "before (date)"),
        (ConditionOperator.After, "after (date)"),
    ];

    public static string Label(ConditionOperator op) => All.FirstOrDefault(o => o.Operator == op).Label ?? op.ToString();

    public static string Label(string op) => Enum.TryParse<ConditionOperator>(op, out var parsed) ? Label(parsed) : op;
}
