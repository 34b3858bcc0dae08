using System.Globalization;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;
using Microsoft.AspNetCore.Http;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>
/// What an environment panel shows and posts, as the text a person typed: the rollout in percent, rules with their
/// conditions and splits. Round-trips through plain form fields, so the rules editor's "add rule"/"add condition"
/// buttons can re-render the form with everything typed so far, with or without JavaScript.
/// </summary>
public sealed class PanelForm
{
    public uint Version { get; set; }
    public bool Enabled { get; set; }
    public string Rollout { get; set; } = "100";
    public string OnVariant { get; set; } = "";
    public string OffVariant { get; set; } = "";
    public List<RuleForm> Rules { get; set; } = [];
    public string Config { get; set; } = "";
    public string Reason { get; set; } = "";
    public bool Confirmed { get; set; }

    public static PanelForm FromState(FlagState state) => new()
    {
        Version = state.Version,
        Enabled = state.Enabled,
        Rollout = state.Rollout.ToString(),
        OnVariant = state.OnVariant,
        OffVariant = state.OffVariant,
        Rules = state.Rules.Select(RuleForm.FromRule).ToList(),
        Config = state.Config ?? "",
    };

    /// <summary>
    /// Reads a posted panel. A field the form did not send (disabled for the user's role) keeps its value from
    /// <paramref name="stored"/>, so an Editor's toggle sends the rest unchanged; the rules count only when
    /// <c>ruleCount</c> was sent, which tells an emptied list from a disabled one.
    /// </summary>
    public static PanelForm Parse(IFormCollection form, FlagState stored)
    {
        var result = FromState(stored);
        result.Version = uint.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;
        result.Enabled = form["enabled"].ToString() is "on" or "true";
        result.Rollout = Text(form, "rollout") ?? result.Rollout;
        result.OnVariant = Text(form, "onVariant") ?? result.OnVariant;
        result.OffVariant = Text(form, "offVariant") ?? result.OffVariant;
        result.Config = Text(form, "config") ?? result.Config;
        result.Reason = Text(form, "reason") ?? "";
        result.Confirmed = form["confirmed"].ToString() is "on" or "true";
        if (Count(form, "ruleCount") is { } ruleCount)
        {
            result.Rules = Enumerable.Range(0, ruleCount).Select(i => RuleForm.Parse(form, $"rules[{i}]")).ToList();
        }
        return result;
    }

    /// <summary>The state update this form asks for; problems of form (a rollout that is not a number) go to <paramref name="errors"/>.</summary>
    public FlagStateUpdate ToUpdate(FlagState stored, ValidationErrors errors) => new()
    {
        ProjectKey = stored.ProjectKey,
        FlagKey = stored.FlagKey,
        EnvironmentKey = stored.EnvironmentKey,
        ExpectedVersion = Version,
        Enabled = Enabled,
        RolloutBasisPoints = BasisPoints(Rollout, "rollout", "Rollout", errors) ?? stored.RolloutBasisPoints,
        OnVariant = OnVariant,
        OffVariant = OffVariant,
        Rules = Rules.Select((rule, i) => rule.ToRule($"Rule {i + 1}", errors)).ToValueList(),
        Config = string.IsNullOrWhiteSpace(Config) ? null : Config,
    };

    /// <summary>"12.5" → 1250; null, with a message for <paramref name="field"/> that starts with <paramref name="what"/>, for anything <see cref="Percentage.TryParse"/> refuses.</summary>
    internal static int? BasisPoints(string text, string field, string what, ValidationErrors errors)
    {
        if (Percentage.TryParse(text, out var percentage, out var problem))
        {
            return percentage.BasisPoints;
        }
        errors.Add(field, $"{what} {problem}.");
        return null;
    }

    internal static string? Text(IFormCollection form, string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;

    internal static int? Count(IFormCollection form, string name) =>
        int.TryParse(form[name], NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? Math.Min(count, TargetingValidator.MaxRules + 1) : null;
}

/// <summary>One targeting rule as typed: serves one variant or a split given in percent per variant.</summary>
public sealed class RuleForm
{
    public const string ServeVariant = "variant";
    public const string ServeSplit = "split";

    public string Name { get; set; } = "";
    public string Serve { get; set; } = ServeVariant;
    public string Variant { get; set; } = "";

    /// <summary>Percent per variant key, as typed; a blank or missing share is 0 %.</summary>
    public Dictionary<string, string> Split { get; set; } = new(StringComparer.Ordinal);

    public List<ConditionForm> Conditions { get; set; } = [];

    public static RuleForm FromRule(TargetingRule rule) => new()
    {
        Name = rule.Name ?? "",
        Serve = rule.Split.Count > 0 ? ServeSplit : ServeVariant,
        Variant = rule.Variant ?? "",
        Split = rule.Split.ToDictionary(s => s.Variant, s => Percentage.Format(s.Weight), StringComparer.Ordinal),
        Conditions = rule.Conditions.Select(ConditionForm.FromCondition).ToList(),
    };

    public static RuleForm Parse(IFormCollection form, string prefix)
    {
        var rule = new RuleForm
        {
            Name = PanelForm.Text(form, $"{prefix}.name") ?? "",
            Serve = PanelForm.Text(form, $"{prefix}.serve") == ServeSplit ? ServeSplit : ServeVariant,
            Variant = PanelForm.Text(form, $"{prefix}.variant") ?? "",
        };
        var splitPrefix = $"{prefix}.split.";
        foreach (var (name, value) in form)
        {
            if (name.StartsWith(splitPrefix, StringComparison.Ordinal))
            {
                rule.Split[name[splitPrefix.Length..]] = value.ToString();
            }
        }
        var count = PanelForm.Count(form, $"{prefix}.conditionCount") ?? 0;
        rule.Conditions = Enumerable.Range(0, Math.Min(count, TargetingValidator.MaxConditions + 1))
            .Select(j => ConditionForm.Parse(form, $"{prefix}.conditions[{j}]"))
            .ToList();
        return rule;
    }

    public TargetingRule ToRule(string label, ValidationErrors errors)
    {
        var split = new List<SplitShare>();
        if (Serve == ServeSplit)
        {
            foreach (var (variant, percent) in Split)
            {
                if (string.IsNullOrWhiteSpace(percent))
                {
                    continue;
                }
                var weight = PanelForm.BasisPoints(percent, "rules", $"{label}: the share of '{variant}'", errors);
                if (weight is > 0)
                {
                    split.Add(new SplitShare(variant, weight.Value));
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
            Variant = Serve == ServeVariant ? Variant : null,
            Split = split.ToValueList(),
            Conditions = Conditions.Select((c, j) => c.ToCondition($"{label}, condition {j + 1}", errors)).ToValueList(),
        };
    }
}

/// <summary>One condition as typed. Operators that take a list (in, not in) read comma-separated values.</summary>
public sealed class ConditionForm
{
    public string Attribute { get; set; } = "";
    public string Operator { get; set; } = nameof(ConditionOperator.Equals);
    public string Values { get; set; } = "";

    public static ConditionForm FromCondition(Condition condition) => new()
    {
        Attribute = condition.Attribute,
        Operator = condition.Operator.ToString(),
        Values = string.Join(", ", condition.Values),
    };

    public static ConditionForm Parse(IFormCollection form, string prefix) => new()
    {
        Attribute = PanelForm.Text(form, $"{prefix}.attribute") ?? "",
        Operator = PanelForm.Text(form, $"{prefix}.operator") ?? "",
        Values = PanelForm.Text(form, $"{prefix}.values") ?? "",
    };

    public Condition ToCondition(string label, ValidationErrors errors)
    {
        if (!Enum.TryParse<ConditionOperator>(Operator, ignoreCase: false, out var op) || !Enum.IsDefined(op) || int.TryParse(Operator, out _))
        {
            errors.Add("rules", $"{label}: choose an operator from the list.");
            op = ConditionOperator.Equals;
        }
        var values = op is ConditionOperator.In or ConditionOperator.NotIn
            ? Values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : string.IsNullOrWhiteSpace(Values) ? [] : [Values.Trim()];
        return new Condition(Attribute, op, values.ToValueList());
    }
}
