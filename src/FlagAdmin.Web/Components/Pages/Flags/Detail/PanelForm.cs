using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>
/// One environment panel as the user left it: on/off, the rollout in percent, served variants, rules with their
/// conditions and splits, config and reason. A plain class, so <see cref="Shared.UnsavedEdit{TModel}"/> can keep it in the
/// tab. Percentages are read by Core's <see cref="Percentage"/>; everything else is judged by FlagService.
/// </summary>
public sealed class PanelForm
{
    public uint Version { get; set; }
    public bool Enabled { get; set; }

    /// <summary>Percent, as the number box and the slider both show it (12.34).</summary>
    public decimal Rollout { get; set; } = 100;

    public string OnVariant { get; set; } = "";
    public string OffVariant { get; set; } = "";
    public List<RuleForm> Rules { get; set; } = [];
    public string Config { get; set; } = "";
    public string Reason { get; set; } = "";

    public static PanelForm FromState(FlagState state) => new()
    {
        Version = state.Version,
        Enabled = state.Enabled,
        Rollout = state.Rollout.Percent,
        OnVariant = state.OnVariant,
        OffVariant = state.OffVariant,
        Rules = state.Rules.Select(RuleForm.FromRule).ToList(),
        Config = state.Config ?? "",
    };

    /// <summary>Whether the form asks for anything but <paramref name="stored"/> (the reason aside).</summary>
    public bool Differs(FlagState stored)
    {
        var pristine = FromState(stored);
        pristine.Version = Version;
        pristine.Reason = Reason;
        return System.Text.Json.JsonSerializer.Serialize(this) != System.Text.Json.JsonSerializer.Serialize(pristine);
    }

    /// <summary>The state update this form asks for; a percentage out of range or finer than 0.01 % goes to <paramref name="errors"/>.</summary>
    public FlagStateUpdate ToUpdate(FlagState stored, ValidationErrors errors) => new()
    {
        ProjectKey = stored.ProjectKey,
        FlagKey = stored.FlagKey,
        EnvironmentKey = stored.EnvironmentKey,
        ExpectedVersion = Version,
        Enabled = Enabled,
        RolloutBasisPoints = BasisPoints(Rollout, "rollout", "The rollout", errors) ?? stored.RolloutBasisPoints,
        OnVariant = OnVariant,
        OffVariant = OffVariant,
        Rules = Rules.Select((rule, i) => rule.ToRule($"Rule {i + 1}", errors)).ToValueList(),
        Config = string.IsNullOrWhiteSpace(Config) ? null : Config,
    };

    /// <summary>What the reconnect dialog lists for a kept edit of this panel.</summary>
    public string Describe(string flag, string environment) =>
        $"Flag {flag} in {environment}: {(Enabled ? "on" : "off")}, rollout {Rollout} %, {Rules.Count} rule(s)";

    internal static int? BasisPoints(decimal percent, string field, string what, ValidationErrors errors)
    {
        if (Percentage.TryFromPercent(percent, out var percentage, out var problem))
        {
            return percentage.BasisPoints;
        }
        errors.Add(field, $"{what} {problem}.");
        return null;
    }
}

/// <summary>One targeting rule as edited: serves one variant or a split given in percent per variant.</summary>
public sealed class RuleForm
{
    public string Name { get; set; } = "";
    public bool ServesSplit { get; set; }
    public string Variant { get; set; } = "";

    /// <summary>Percent per variant key; a missing share is 0 %.</summary>
    public Dictionary<string, decimal> Split { get; set; } = new(StringComparer.Ordinal);

    public List<ConditionForm> Conditions { get; set; } = [];

    public static RuleForm FromRule(TargetingRule rule) => new()
    {
        Name = rule.Name ?? "",
        ServesSplit = rule.Split.Count > 0,
        Variant = rule.Variant ?? "",
        Split = rule.Split.ToDictionary(s => s.Variant, s => Percentage.FromBasisPoints(s.Weight).Percent, StringComparer.Ordinal),
        Conditions = rule.Conditions.Select(ConditionForm.FromCondition).ToList(),
    };

    public TargetingRule ToRule(string label, ValidationErrors errors)
    {
        var split = new List<SplitShare>();
        if (ServesSplit)
        {
            foreach (var (variant, percent) in Split)
            {
                if (PanelForm.BasisPoints(percent, "rules", $"{label}: the share of '{variant}'", errors) is > 0 and var weight)
                {
                    split.Add(new SplitShare(variant, weight));
                }
            }
            if (split.Count == 0)
            {
                errors.Add("rules", $"{label}: give at least one variant a share of the split.");
            }
        }
        return new TargetingRule
        {
            Name = string.IsNullOrWhiteSpace(Name) ? null : Name,
            Variant = ServesSplit ? null : Variant,
            Split = split.ToValueList(),
            Conditions = Conditions.Select(c => c.ToCondition()).ToValueList(),
        };
    }
}

/// <summary>One condition as edited. Operators that take a list (in, not in) read comma-separated values.</summary>
public sealed class ConditionForm
{
    public string Attribute { get; set; } = "";
    public ConditionOperator Operator { get; set; } = ConditionOperator.Equals;
    public string Values { get; set; } = "";

    public static ConditionForm FromCondition(Condition condition) => new()
    {
        Attribute = condition.Attribute,
        Operator = condition.Operator,
        Values = string.Join(", ", condition.Values),
    };

    public Condition ToCondition()
    {
        var values = Operator is ConditionOperator.In or ConditionOperator.NotIn
            ? Values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : string.IsNullOrWhiteSpace(Values) ? [] : [Values.Trim()];
        return new Condition(Attribute, Operator, values.ToValueList());
    }
}
