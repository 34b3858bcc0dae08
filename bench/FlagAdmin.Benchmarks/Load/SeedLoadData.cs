using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Benchmarks.Load;

/// <summary>
/// <c>seed-load --data-file F [--flags 200]</c>: writes a memory-store data file holding project "load",
/// environment "production" and N enabled flags (two rules each and a 25 % rollout), plus an SDK key for
/// it, and prints the key's secret. The HTTP load scripts in bench/load start the host on that file.
/// </summary>
internal static class SeedLoadData
{
    private static readonly ChangeContext Seeder = new("load-seeder");

    public static async Task<int> RunAsync(string[] args)
    {
        var dataFile = Option(args, "--data-file") ?? throw new ArgumentException("--data-file is required");
        var count = int.Parse(Option(args, "--flags") ?? "200", System.Globalization.CultureInfo.InvariantCulture);
        File.Delete(dataFile);
        using var repository = new MemoryFlagRepository(TimeProvider.System, dataFile, flushToDisk: false);
        var flags = new FlagService(repository, repository);
        await flags.CreateProjectAsync(new NewProject("load", "Load test"), Seeder);
        await flags.CreateEnvironmentAsync(new NewEnvironment("load", "production", "Production", 1), Seeder);
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
        var keys = new SdkKeyService(repository, new SdkKeyCache(repository, TimeProvider.System), TimeProvider.System);
        var key = await keys.CreateAsync(new NewSdkKey("load", "production", "load test"), Seeder);
        Console.WriteLine(key.Secret);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
