using BenchmarkDotNet.Attributes;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Variant = FlagAdmin.Core.Flags.Variant;

namespace FlagAdmin.Benchmarks;

/// <summary>
/// One flag, two targeting rules (a list of users, a group) and a 25 % rollout, evaluated for a user who
/// is in neither, so both rules are tried and the rollout hashes the key: FlagAdmin's evaluator next to
/// Microsoft.FeatureManagement's <c>IsEnabledAsync</c> with its Microsoft.Targeting filter set up the
/// same way (audience users, a group at 100 %, default rollout 25 %) from an in-memory configuration.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private const string FlagKey = "new-checkout";
    private static readonly string[] Users = ["user-1", "user-2", "user-3"];
    private const string Group = "beta";
    private const string OutsiderId = "user-77131";
    private static readonly string[] OutsiderGroups = ["staff"];

    private CompiledFlag _flag = null!;
    private EnvironmentSnapshot _snapshot = null!;
    private EvaluationContext _context;
    private IFeatureManager _featureManager = null!;
    private TargetingContext _targetingContext = null!;
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        var at = DateTimeOffset.UnixEpoch;
        var flag = new Flag
        {
            ProjectKey = "bench", Key = FlagKey, Name = "New checkout", Kind = FlagKind.Boolean, VariantType = VariantType.Boolean,
            Variants = [Variant.On, Variant.Off], CreatedBy = "bench", CreatedAt = at, UpdatedBy = "bench", UpdatedAt = at,
        };
        var state = new FlagState
        {
            ProjectKey = "bench", FlagKey = FlagKey, EnvironmentKey = "production", Enabled = true, RolloutBasisPoints = 2_500,
            OnVariant = "on", OffVariant = "off", UpdatedBy = "bench", UpdatedAt = at,
            Rules =
            [
                new TargetingRule { Variant = "on", Conditions = [new Condition("targetingKey", ConditionOperator.In, [.. Users])] },
                new TargetingRule { Variant = "on", Conditions = [new Condition("groups", ConditionOperator.In, [Group])] },
            ],
        };
        _flag = CompiledFlag.Compile(flag, state);
        _snapshot = EnvironmentSnapshot.Create("bench", "production", [_flag]);
        _context = new EvaluationContext(OutsiderId, [KeyValuePair.Create("groups", AttributeValue.List(OutsiderGroups))]);

        const string filter = "feature_management:feature_flags:0:conditions:client_filters:0";
        var settings = new Dictionary<string, string?>
        {
            ["feature_management:feature_flags:0:id"] = FlagKey,
            ["feature_management:feature_flags:0:enabled"] = "true",
            [$"{filter}:name"] = "Microsoft.Targeting",
            [$"{filter}:parameters:Audience:Groups:0:Name"] = Group,
            [$"{filter}:parameters:Audience:Groups:0:RolloutPercentage"] = "100",
            [$"{filter}:parameters:Audience:DefaultRolloutPercentage"] = "25",
        };
        for (var i = 0; i < Users.Length; i++)
        {
            settings[$"{filter}:parameters:Audience:Users:{i}"] = Users[i];
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddFeatureManagement();
        _services = services.BuildServiceProvider();
        _featureManager = _services.GetRequiredService<IFeatureManager>();
        _targetingContext = new TargetingContext { UserId = OutsiderId, Groups = OutsiderGroups };

        CheckEquivalence();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public EvaluationResult FlagAdmin_Evaluate() => FlagEvaluator.Evaluate(_flag, _context);

    [Benchmark]
    public EvaluationResult FlagAdmin_EvaluateFromSnapshot() => FlagEvaluator.Evaluate(_snapshot, FlagKey, _context);

    [Benchmark]
    public Task<bool> FeatureManagement_IsEnabledAsync() => _featureManager.IsEnabledAsync(FlagKey, _targetingContext);

    // Both set-ups must say yes to listed users and group members and to about a quarter of everyone else.
    private void CheckEquivalence()
    {
        bool FlagAdmin(string user, string[] groups) =>
            FlagEvaluator.Evaluate(_flag, new EvaluationContext(user, [KeyValuePair.Create("groups", AttributeValue.List(groups))])).VariantKey == "on";
        bool Microsoft(string user, string[] groups) =>
            _featureManager.IsEnabledAsync(FlagKey, new TargetingContext { UserId = user, Groups = groups }).GetAwaiter().GetResult();

        foreach (var (user, groups) in new[] { ("user-2", Array.Empty<string>()), ("someone", new[] { Group }) })
        {
            if (!FlagAdmin(user, groups) || !Microsoft(user, groups))
            {
                throw new InvalidOperationException($"Both set-ups must enable the flag for {user} in [{string.Join(",", groups)}].");
            }
        }
        var (ours, theirs) = (0, 0);
        for (var i = 0; i < 10_000; i++)
        {
            ours += FlagAdmin($"visitor-{i}", OutsiderGroups) ? 1 : 0;
            theirs += Microsoft($"visitor-{i}", OutsiderGroups) ? 1 : 0;
        }
        if (Math.Abs(ours - 2_500) > 250 || Math.Abs(theirs - 2_500) > 250)
        {
            throw new InvalidOperationException($"Both set-ups must roll out to about 25 %: FlagAdmin {ours}, Microsoft {theirs} of 10,000.");
        }
    }
}
