using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Evaluation;

/// <summary>A <see cref="TargetingRule"/> with its conditions compiled and its variants resolved.</summary>
internal sealed class CompiledRule
{
    private readonly CompiledCondition[] _conditions;

    // A split as cumulative upper bounds in rule order: a bucket b gets the first share with b < bound.
    private readonly (int UpperBound, CompiledVariant Variant)[] _split;

    public CompiledRule(CompiledCondition[] conditions, CompiledVariant? variant, (int UpperBound, CompiledVariant Variant)[] split)
    {
        _conditions = conditions;
        Variant = variant;
        _split = split;
    }

    /// <summary>The one variant the rule serves, or null when it serves a split.</summary>
    public CompiledVariant? Variant { get; }

    /// <summary>The variants a split serves (a share of 0 % serves nobody and is left out); empty for a rule serving one variant.</summary>
    public IEnumerable<CompiledVariant> SplitVariants => _split.Select(share => share.Variant);

    public bool Matches(in EvaluationContext context)
    {
        foreach (var condition in _conditions)
        {
            if (!condition.Matches(context))
            {
                return false;
            }
        }
        return true;
    }

    public CompiledVariant SplitVariant(int bucket)
    {
        foreach (var (upperBound, variant) in _split)
        {
            if (bucket < upperBound)
            {
                return variant;
            }
        }
        // Unreachable for a split adding up to 100 % (CompiledFlag refuses others); kept total.
        return _split[^1].Variant;
    }
}
