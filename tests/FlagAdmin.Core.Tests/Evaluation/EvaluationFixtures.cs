using System.Text.Json;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Tests.Evaluation;

/// <summary>Flags, states and contexts for the evaluation tests.</summary>
internal static class EvaluationFixtures
{
    public const string Project = "shop";
    public const string EnvironmentKey = "production";
    private static readonly DateTimeOffset At = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    public static Flag BooleanFlag(string key = "new-checkout", bool archived = false) => new()
    {
        ProjectKey = Project,
        Key = key,
        Name = "New checkout",
        Kind = FlagKind.Boolean,
        VariantType = VariantType.Boolean,
        Variants = [Variant.On, Variant.Off],
        Archived = archived,
        CreatedBy = "ann@example.com",
        CreatedAt = At,
        UpdatedBy = "ann@example.com",
        UpdatedAt = At,
        Version = 3,
    };

    public static Flag ColorFlag(string key = "button-color") => BooleanFlag(key) with
    {
        Name = "Button color",
        Kind = FlagKind.Multivariate,
        VariantType = VariantType.String,
        Variants = [new Variant("blue", "\"blue\""), new Variant("green", "\"green\""), new Variant("red", "\"red\"")],
    };

    public static FlagState State(Flag flag, bool enabled = true, int rollout = FlagState.FullRollout, string? on = null, string? off = null,
        params TargetingRule[] rules) => new()
    {
        ProjectKey = flag.ProjectKey,
        FlagKey = flag.Key,
        EnvironmentKey = EnvironmentKey,
        Enabled = enabled,
        RolloutBasisPoints = rollout,
        OnVariant = on ?? flag.Variants[0].Key,
        OffVariant = off ?? flag.Variants[1].Key,
        Rules = [.. rules],
        UpdatedBy = "ann@example.com",
        UpdatedAt = At,
        Version = 7,
    };

    public static CompiledFlag Compile(Flag flag, bool enabled = true, int rollout = FlagState.FullRollout, params TargetingRule[] rules) =>
        CompiledFlag.Compile(flag, State(flag, enabled, rollout, rules: rules));

    public static TargetingRule Serve(string variant, params Condition[] conditions) =>
        new() { Variant = variant, Conditions = [.. conditions] };

    public static TargetingRule Split(Condition[] conditions, params (string Variant, int Weight)[] shares) =>
        new() { Conditions = [.. conditions], Split = [.. shares.Select(s => new SplitShare(s.Variant, s.Weight))] };

    public static Condition When(string attribute, ConditionOperator op, params string[] values) => new(attribute, op, [.. values]);

    public static EvaluationContext User(string? targetingKey, params (string Name, AttributeValue Value)[] attributes) =>
        new(targetingKey, attributes.Select(a => KeyValuePair.Create(a.Name, a.Value)));

    public static EvaluationContext ParseContext(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.True(EvaluationContext.TryFromJson(document.RootElement, out var context, out var problem), problem);
        return context;
    }

    /// <summary>Keys as applications use them: random, with a fixed seed so a failure can be replayed.</summary>
    public static string[] RandomKeys(int count, int seed)
    {
        var random = new Random(seed);
        var keys = new string[count];
        Span<byte> bytes = stackalloc byte[12];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            keys[i] = Convert.ToHexStringLower(bytes);
        }
        return keys;
    }
}
