using System.Text.Json;
using System.Text.Json.Serialization;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Web.Api.Http;

namespace FlagAdmin.Web.Api.States;

/// <summary>
/// How a flag behaves in one environment. <see cref="RolloutPercent"/> is a percentage from 0 to 100 in steps of
/// 0.01 (the evaluator's 10,000 buckets); <see cref="Config"/> is any JSON value, or null.
/// </summary>
public sealed record StateDto(
    string Environment, bool Enabled, decimal RolloutPercent, string OnVariant, string OffVariant,
    IReadOnlyList<RuleDto> Rules, JsonElement? Config, string UpdatedBy, DateTimeOffset UpdatedAt, uint Version)
{
    public static StateDto From(FlagState s) => new(
        s.EnvironmentKey, s.Enabled, s.Rollout.Percent, s.OnVariant, s.OffVariant,
        s.Rules.Select(RuleDto.From).ToList(),
        s.Config is null ? null : JsonDocument.Parse(s.Config).RootElement.Clone(),
        s.UpdatedBy, s.UpdatedAt, s.Version);
}

/// <summary>A targeting rule: all conditions must match; it serves either <see cref="Variant"/> or a percentage <see cref="Split"/>.</summary>
public sealed record RuleDto(string? Name, IReadOnlyList<ConditionDto>? Conditions = null, string? Variant = null, IReadOnlyList<SplitShareDto>? Split = null)
{
    public static RuleDto From(TargetingRule r) => new(
        r.Name, r.Conditions.Select(c => new ConditionDto(c.Attribute, c.Operator, c.Values.ToList())).ToList(),
        r.Variant, r.Split.Count == 0 ? null : r.Split.Select(s => new SplitShareDto(s.Variant, Percentage.FromBasisPoints(s.Weight).Percent)).ToList());
}

public sealed record ConditionDto(
    string Attribute,
    [property: JsonConverter(typeof(CamelCaseEnum<ConditionOperator>))] ConditionOperator Operator,
    IReadOnlyList<string> Values);

/// <summary>Part of a split; the percentages of one rule add up to 100.</summary>
public sealed record SplitShareDto(string Variant, decimal Percent);

/// <summary>The whole state in one environment (PUT). Rules default to none, config to null.</summary>
public sealed record ReplaceStateRequest(
    bool Enabled, decimal RolloutPercent, string OnVariant, string OffVariant,
    IReadOnlyList<RuleDto>? Rules = null, JsonElement? Config = null, string? Reason = null) : IChangeRequest;

/// <summary>
/// A partial edit (PATCH): properties left out stay as they are. <c>"config": null</c> clears the config value;
/// leaving <c>config</c> out keeps it.
/// </summary>
public sealed record PatchStateRequest : IChangeRequest
{
    public bool? Enabled { get; init; }
    public decimal? RolloutPercent { get; init; }
    public string? OnVariant { get; init; }
    public string? OffVariant { get; init; }
    public IReadOnlyList<RuleDto>? Rules { get; init; }

    /// <summary>Undefined when left out (keep), a JSON null to clear, any other JSON value to set.</summary>
    public JsonElement Config { get; init; }

    public string? Reason { get; init; }
}

public static class RuleMapping
{
    public static ValueList<TargetingRule> ToDomain(IReadOnlyList<RuleDto>? rules, Core.Errors.ValidationErrors errors)
    {
        if (rules is null)
        {
            return default;
        }
        var result = new List<TargetingRule>(rules.Count);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var split = new List<SplitShare>();
            for (var j = 0; j < (rule.Split?.Count ?? 0); j++)
            {
                var share = rule.Split![j];
                Percentage.TryFromPercent(share.Percent, out var weight, out var problem);
                errors.Add($"rules[{i}].split[{j}].percent", problem is null ? null : $"A split's percentage {problem}.");
                split.Add(new SplitShare(share.Variant ?? "", weight.BasisPoints));
            }
            result.Add(new TargetingRule
            {
                Name = rule.Name,
                Conditions = new ValueList<Condition>((rule.Conditions ?? []).Select(c => new Condition(c.Attribute ?? "", c.Operator, new ValueList<string>(c.Values ?? [])))),
                Variant = rule.Variant,
                Split = new ValueList<SplitShare>(split),
            });
        }
        return new ValueList<TargetingRule>(result);
    }
}
