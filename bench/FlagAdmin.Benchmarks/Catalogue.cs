using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;

namespace FlagAdmin.Benchmarks;

/// <summary>Fills a store with one project, three environments and a number of flags shaped like a real catalogue.</summary>
public static class Catalogue
{
    public const string Project = "bench";
    private static readonly ChangeContext Seeder = new("seeder@example.com");
    private static readonly string[] Teams = ["team-pay", "team-search", "team-web", "team-growth"];

    public static async Task FillAsync(IFlagRepository repository, int flags)
    {
        await repository.CreateProjectAsync(new NewProject(Project, "Benchmark"), Seeder);
        await repository.CreateEnvironmentAsync(new NewEnvironment(Project, "development", "Development", 10), Seeder);
        await repository.CreateEnvironmentAsync(new NewEnvironment(Project, "staging", "Staging", 20), Seeder);
        await repository.CreateEnvironmentAsync(new NewEnvironment(Project, "production", "Production", 30, true), Seeder);
        for (var i = 0; i < flags; i++)
        {
            await repository.CreateFlagAsync(FlagValidator.Normalize(new NewFlag
            {
                ProjectKey = Project,
                Key = KeyOf(i),
                Name = $"Flag number {i}",
                Description = $"Benchmark flag {i} owned by {Teams[i % Teams.Length]}",
                Tags = [i % 2 == 0 ? "web" : "mobile", $"wave-{i % 10}"],
                Owner = Teams[i % Teams.Length],
            }), Seeder);
        }
    }

    public static string KeyOf(int i) => $"flag-{i:D6}";
}
