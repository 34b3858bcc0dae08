using System.Globalization;
using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Benchmarks.Load;

/// <summary>
/// <c>seed-load --data-file F [--flags 200] [--mix two-rules|side-by-side] [--unleash-plan P]</c>: writes a
/// memory-store data file holding project "load", environment "production" and N enabled flags, plus an SDK key
/// for it, and prints the key's secret. The HTTP load scripts in bench/load start the host on that file.
/// <list type="bullet">
/// <item><c>two-rules</c> (default): two rules each (a list of users, a group) and a 25 % rollout.</item>
/// <item><c>side-by-side</c>: a 50 % rollout each; the first 10 only for targeting keys in a list of 50, the next
/// 10 only for keys starting with a prefix (a rule splitting 50/50, 0 % otherwise). <c>--unleash-plan</c> writes
/// the same flags as Unleash sees them (flexibleRollout with a <c>userId</c> constraint) for bench/load/seed-unleash.mjs.</item>
/// </list>
/// </summary>
internal static class SeedLoadData
{
    private static readonly ChangeContext Seeder = new("load-seeder");

    /// <summary>One flag of a mix: a rollout for everyone, or a 50/50 split for those matching <see cref="Only"/>.</summary>
    public sealed record LoadFlag(string Key, int RolloutBasisPoints, Condition? Only);

    public static async Task<int> RunAsync(string[] args)
    {
        var dataFile = Option(args, "--data-file") ?? throw new ArgumentException("--data-file is required");
        var count = int.Parse(Option(args, "--flags") ?? "200", CultureInfo.InvariantCulture);
        var mix = Option(args, "--mix") ?? "two-rules";
        var unleashPlan = Option(args, "--unleash-plan");
        File.Delete(dataFile);
        using var repository = new MemoryFlagRepository(TimeProvider.System, dataFile, flushToDisk: false);
        var plan = await SeedAsync(repository, count, mix);
        if (unleashPlan is not null)
        {
            await File.WriteAllTextAsync(unleashPlan, JsonSerializer.Serialize(plan.Select(AsUnleash)));
        }
        var keys = new SdkKeyService(repository, new SdkKeyCache(repository, TimeProvider.System), TimeProvider.System);
        var key = await keys.CreateAsync(new NewSdkKey("load", "production", "load test"), Seeder);
        Console.WriteLine(key.Secret);
        return 0;
    }

    /// <summary>Project "load", environment "production" and <paramref name="count"/> flags of <paramref name="mix"/> in <paramref name="repository"/>.</summary>
    public static async Task<IReadOnlyList<LoadFlag>> SeedAsync(MemoryFlagRepository repository, int count, string mix)
    {
        var flags = new FlagService(repository, repository);
        await flags.CreateProjectAsync(new NewProject("load", "Load test"), Seeder);
        await flags.CreateEnvironmentAsync(new NewEnvironment("load", "production", "Production", 1), Seeder);
        switch (mix)
        {
            case "two-rules":
                await SeedTwoRulesAsync(flags, count);
                return [];
            case "side-by-side":
                var plan = SideBySide(count);
                await SeedAsync(flags, plan);
                return plan;
            default:
                throw new ArgumentException($"--mix must be two-rules or side-by-side, not '{mix}'.");
        }
    }

    private static async Task SeedTwoRulesAsync(FlagService flags, int count)
    {
        ValueList<TargetingRule> rules =
        [
            new() { Conditions = [new("targetingKey", ConditionOperator.In, ["user-1", "user-2", "user-3"])], Variant = "on" },
            new() { Conditions = [new("groups", ConditionOperator.In, ["beta", "staff"])], Variant = "on" },
        ];
        for (var i = 0; i < count; i++)
        {
            var created = await flags.CreateFlagAsync(new NewFlag { ProjectKey = "load", Key = $"flag-{i:D4}", Name = $"Load flag {i}", Tags = ["load"] }, Seeder);
            var state = created.StateIn("production")!;
            await flags.UpdateStateAsync(FlagStateUpdate.From(state) with { Enabled = true, RolloutBasisPoints = 2_500, Rules = rules }, Seeder);
        }
    }

    private static List<LoadFlag> SideBySide(int count) => [.. Enumerable.Range(0, count).Select(i => new LoadFlag($"flag-{i:D4}", 5_000, i switch
    {
        < 10 => new Condition("targetingKey", ConditionOperator.In, [.. Enumerable.Range(0, 50).Select(j => $"user-{(i * 10 + j) % 100}")]),
        < 20 => new Condition("targetingKey", ConditionOperator.StartsWith, [$"user-{i - 10}"]),
        _ => null,
    }))];

    private static async Task SeedAsync(FlagService flags, IEnumerable<LoadFlag> plan)
    {
        foreach (var flag in plan)
        {
            var created = await flags.CreateFlagAsync(new NewFlag { ProjectKey = "load", Key = flag.Key, Name = $"Load flag {flag.Key}", Tags = ["load"] }, Seeder);
            var state = FlagStateUpdate.From(created.StateIn("production")!) with { Enabled = true, RolloutBasisPoints = flag.RolloutBasisPoints };
            if (flag.Only is { } only)
            {
                var on = flag.RolloutBasisPoints;
                state = state with
                {
                    RolloutBasisPoints = 0,
                    Rules = [new TargetingRule { Conditions = [only], Split = [new SplitShare("on", on), new SplitShare("off", FlagState.FullRollout - on)] }],
                };
            }
            await flags.UpdateStateAsync(state, Seeder);
        }
    }

    // Unleash's flexibleRollout takes whole percents and reads its default stickiness from userId.
    private static object AsUnleash(LoadFlag flag) => new
    {
        name = flag.Key,
        rollout = flag.RolloutBasisPoints / 100,
        constraints = flag.Only is { } only
            ? new[]
            {
                new
                {
                    contextName = only.Attribute == "targetingKey" ? "userId" : only.Attribute,
                    @operator = only.Operator switch
                    {
                        ConditionOperator.In => "IN",
                        ConditionOperator.StartsWith => "STR_STARTS_WITH",
                        var other => throw new ArgumentException($"No Unleash operator for {other}."),
                    },
                    values = only.Values.ToArray(),
                },
            }
            : [],
    };

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
