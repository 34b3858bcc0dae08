using FlagAdmin.Core.Common;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>Targeting rules as one readable line each, for the conflict view: "if country is one of DE, FR → beta".</summary>
public static class RuleText
{
    public static string Describe(ValueList<TargetingRule> rules) =>
        rules.Count == 0 ? "no rules" : string.Join("; ", rules.Select((rule, i) => $"{i + 1}. {Describe(rule)}"));

    public static string Describe(TargetingRule rule)
    {
        var conditions = rule.Conditions.Count == 0
            ? "everyone"
            : "if " + string.Join(" and ", rule.Conditions.Select(c => $"{c.Attribute} {ConditionOperators.Label(c.Operator)} {string.Join(", ", c.Values)}"));
        var serves = rule.Variant ?? string.Join(", ", rule.Split.Select(s => $"{s.Variant} {Percentage.Format(s.Weight)} %"));
        return $"{(rule.Name is null ? "" : rule.Name + ": ")}{conditions} → {serves}";
    }
}
