using System.Globalization;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Core.Targeting;

/// <summary>Checks targeting rules against the flag they belong to, so evaluation never meets a rule it cannot run.</summary>
public static class TargetingValidator
{
    public const int MaxRules = 100;
    public const int MaxConditions = 20;
    public const int MaxValues = 1_000;
    public const int MaxAttributeLength = 128;

    public static ValueList<TargetingRule> Normalize(ValueList<TargetingRule> rules, Flag flag, ValidationErrors errors)
    {
        if (rules.Count > MaxRules)
        {
            errors.Add("rules", $"A flag may have at most {MaxRules} targeting rules per environment.");
        }
        var result = new List<TargetingRule>(rules.Count);
        for (var i = 0; i < rules.Count; i++)
        {
            result.Add(Normalize(rules[i], $"Rule {i + 1}", flag, errors));
        }
        return result.ToValueList();
    }

    private static TargetingRule Normalize(TargetingRule rule, string label, Flag flag, ValidationErrors errors)
    {
        if (rule.Conditions.Count > MaxConditions)
        {
            errors.Add("rules", $"{label} may have at most {MaxConditions} conditions.");
        }
        var conditions = rule.Conditions.Select((c, j) => Normalize(c, $"{label}, condition {j + 1}", errors)).ToValueList();
        var variant = string.IsNullOrWhiteSpace(rule.Variant) ? null : rule.Variant.Trim();
        if (variant is null == (rule.Split.Count == 0))
        {
            errors.Add("rules", $"{label} must serve either one variant or a percentage split, not {(variant is null ? "neither" : "both")}.");
        }
        if (variant is not null)
        {
            errors.Add("rules", FlagValidator.VariantProblem(flag, variant, $"{label}: the variant"));
        }
        if (rule.Split.Count > 0)
        {
            CheckSplit(rule.Split, label, flag, errors);
        }
        var name = string.IsNullOrWhiteSpace(rule.Name) ? null : rule.Name.Trim();
        errors.Add("rules", StoredText.NameProblem(name, $"{label}'s name"));
        return rule with { Name = name, Conditions = conditions, Variant = variant };
    }

    private static void CheckSplit(ValueList<SplitShare> split, string label, Flag flag, ValidationErrors errors)
    {
        long total = 0;
        foreach (var share in split)
        {
            errors.Add("rules", FlagValidator.VariantProblem(flag, share.Variant, $"{label}: a split variant"));
            if (!Percentage.IsValid(share.Weight))
            {
                errors.Add("rules", $"{label}: each split share must be between 0 and 100 %.");
            }
            total += share.Weight;
        }
        if (total != FlagState.FullRollout)
        {
            errors.Add("rules", $"{label}: the split adds up to {Percentage.Format(total)} %; it must add up to 100 %.");
        }
    }

    private static Condition Normalize(Condition condition, string label, ValidationErrors errors)
    {
        var attribute = condition.Attribute?.Trim() ?? "";
        if (attribute.Length is 0 or > MaxAttributeLength)
        {
            errors.Add("rules", $"{label} needs an attribute name of 1 to {MaxAttributeLength} characters.");
        }
        if (!Enum.IsDefined(condition.Operator))
        {
            errors.Add("rules", $"{label} has an unknown operator.");
            return condition;
        }
        var values = condition.Values.Select(v => v ?? "").ToValueList();
        var takesList = condition.Operator is ConditionOperator.In or ConditionOperator.NotIn;
        if (values.Count == 0 || (!takesList && values.Count != 1))
        {
            errors.Add("rules", takesList
                ? $"{label} needs at least one value."
                : $"{label} needs exactly one value.");
        }
        if (values.Count > MaxValues)
        {
            errors.Add("rules", $"{label} may list at most {MaxValues} values.");
        }
        errors.Add("rules", StoredText.Problem(attribute, $"{label}'s attribute name"));
        foreach (var value in values)
        {
            errors.Add("rules", ValueProblem(condition.Operator, value, label) ?? StoredText.Problem(value, $"{label}: a value"));
        }
        return condition with { Attribute = attribute, Values = values };
    }

    private static string? ValueProblem(ConditionOperator op, string value, string label) => op switch
    {
        ConditionOperator.LessThan or ConditionOperator.LessThanOrEqual or ConditionOperator.GreaterThan or ConditionOperator.GreaterThanOrEqual
            when !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            => $"{label}: '{value}' is not a number.",
        ConditionOperator.SemVerEquals or ConditionOperator.SemVerLessThan or ConditionOperator.SemVerGreaterThan
            when !SemanticVersion.TryParse(value, out _)
            => $"{label}: '{value}' is not a semantic version such as 1.4.2.",
        ConditionOperator.Before or ConditionOperator.After
            when !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            => $"{label}: '{value}' is not a date-time such as 2026-01-31T12:00:00Z.",
        _ => null,
    };
}
