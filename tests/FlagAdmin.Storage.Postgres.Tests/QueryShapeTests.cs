using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>How many statements each operation sends: fixed, whatever the page size (no N+1).</summary>
public sealed class QueryShapeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly ChangeContext Alice = new("alice@example.com");

    private async Task<(EfFlagRepository Repository, CommandCounter Counter, string ProjectKey)> CatalogueAsync(int flags)
    {
        var counter = new CommandCounter();
        var repository = TestStore.Repository(await postgres.SharedDatabaseAsync(), TimeProvider.System, counter);
        var projectKey = $"shape-{Guid.NewGuid():N}"[..20];
        await repository.CreateProjectAsync(new NewProject(projectKey, "Shape"), Alice);
        foreach (var (environment, order) in new[] { ("development", 1), ("staging", 2), ("production", 3) })
        {
            await repository.CreateEnvironmentAsync(new NewEnvironment(projectKey, environment, environment, order), Alice);
        }
        for (var i = 0; i < flags; i++)
        {
            await repository.CreateFlagAsync(FlagValidator.Normalize(new NewFlag { ProjectKey = projectKey, Key = $"flag-{i:D3}", Name = $"Flag {i}" }), Alice);
        }
        counter.Reset();
        return (repository, counter, projectKey);
    }

    [Fact]
    public async Task A_page_of_flags_with_their_states_takes_three_statements_whatever_its_size()
    {
        var (repository, counter, projectKey) = await CatalogueAsync(120);

        foreach (var limit in new[] { 1, 10, 50, 100 })
        {
            counter.Reset();
            var page = await repository.QueryFlagsAsync(new FlagQuery { ProjectKey = projectKey, Limit = limit, Offset = 5 });

            Assert.Equal(limit, page.Items.Count);
            Assert.All(page.Items, d => Assert.Equal(3, d.States.Count));
            Assert.Equal(3, counter.Commands.Count); // count, page, states of the page
        }
    }

    [Fact]
    public async Task Reading_a_flag_alone_or_with_its_project_is_one_statement_and_a_toggle_two()
    {
        var (repository, counter, projectKey) = await CatalogueAsync(1);

        var details = await repository.GetFlagAsync(projectKey, "flag-000");
        Assert.Single(counter.Commands);
        Assert.Equal(3, details!.States.Count);

        counter.Reset();
        var found = await repository.GetFlagInProjectAsync(projectKey, "flag-000");
        Assert.Single(counter.Commands); // project, environments, flag and states in one statement
        Assert.Equal((3, details), (found!.Environments.Count, found.Details));

        counter.Reset();
        await repository.UpdateStateAsync(FlagStateUpdate.From(details.StateIn("production")!) with { Enabled = true }, Alice);
        Assert.Equal(2, counter.Commands.Count); // read state and flag; lock flag, write state and audit row in one statement
        Assert.DoesNotContain("FOR SHARE", counter.Commands[0]);
        Assert.Contains("FOR SHARE", counter.Commands[1]);
        Assert.Contains("UPDATE flag_states", counter.Commands[1]);
        Assert.Contains("INSERT INTO audit_entries", counter.Commands[1]);

        counter.Reset();
        await repository.QueryAsync(new AuditQuery { ProjectKey = projectKey, FlagKey = "flag-000" });
        Assert.Single(counter.Commands);
    }

    [Fact]
    public async Task What_a_flag_page_asks_of_the_service_takes_the_same_few_statements_however_many_environments()
    {
        var (repository, counter, projectKey) = await CatalogueAsync(1);
        var service = new FlagService(repository, repository);
        for (var i = 4; i <= 12; i++)
        {
            await repository.CreateEnvironmentAsync(new NewEnvironment(projectKey, $"env-{i}", $"Env {i}", i, Protected: true), Alice);
        }
        await repository.UpdateProjectAsync(new ProjectUpdate(projectKey, (await repository.GetProjectAsync(projectKey))!.Version, "Shape", true), Alice);
        counter.Reset();

        var found = await service.GetFlagInProjectAsync(projectKey, "flag-000");
        Assert.Single(counter.Commands);

        counter.Reset();
        await service.SetEnabledAsync(projectKey, "flag-000", "env-12", true, found.Details.StateIn("env-12")!.Version, new ChangeContext("alice@example.com", "launch"));
        Assert.Equal(3, counter.Commands.Count); // the flag with its project and environments; then the hot path's read and write
        Assert.Equal(12, found.Environments.Count);
    }
}
